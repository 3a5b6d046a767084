using Mailroom.Edge.Video.Recording;
using Xunit;

namespace Mailroom.Edge.Video.Tests.Pure;

public class FfmpegArgumentsTests
{
    [Fact]
    public void Record_uses_tcp_a_microsecond_timeout_stream_copy_and_a_csv_segment_list()
    {
        var args = FfmpegArguments.Record("rtsp://u:p@cam/live", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), 40, 3);
        var line = string.Join(' ', args);

        Assert.Contains("-nostdin", args);
        Assert.Contains("-rtsp_transport tcp -timeout 5000000 -i rtsp://u:p@cam/live", line, StringComparison.Ordinal);
        Assert.Contains("-c:v copy -f segment -segment_format mpegts -segment_time 1 -reset_timestamps 1", line, StringComparison.Ordinal);
        Assert.Contains("-segment_list segments.csv -segment_list_type csv -segment_list_size 40", line, StringComparison.Ordinal);
        Assert.DoesNotContain("-stimeout", args);
        Assert.Equal("r000003-%08d.ts", args[^1]);
    }

    [Fact]
    public void Record_maps_audio_only_when_asked_and_encodes_it_to_aac_while_copying_the_video()
    {
        var without = FfmpegArguments.Record("rtsp://cam/live", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), 40, 1);
        var with = string.Join(' ', FfmpegArguments.Record("rtsp://cam/live", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), 40, 1, audio: true));

        Assert.DoesNotContain("0:a:0?", without);
        Assert.DoesNotContain("-c:a", without);
        Assert.Contains("-map 0:v:0 -map 0:a:0? -c:v copy -c:a aac -b:a 48k -f segment", with, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_copies_into_a_faststart_mp4()
    {
        var line = string.Join(' ', FfmpegArguments.Export("/c/list.ffconcat", "/c/out.mp4"));
        Assert.Contains("-f concat -safe 0 -i /c/list.ffconcat -c copy -movflags +faststart -y /c/out.mp4", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Snapshot_seeks_to_the_trigger_and_never_before_the_start()
    {
        Assert.Contains("2.5", FfmpegArguments.Snapshot("/c.mp4", TimeSpan.FromSeconds(2.5), "/c.jpg"));
        Assert.Contains("0", FfmpegArguments.Snapshot("/c.mp4", TimeSpan.FromSeconds(-1), "/c.jpg"));
    }

    [Fact]
    public void A_segment_snapshot_seeks_after_opening_the_input_so_it_decodes_from_the_keyframe()
    {
        var arguments = FfmpegArguments.SegmentSnapshot("/ring/r1-0007.ts", TimeSpan.FromSeconds(0.64), "/c.jpg");
        Assert.True(arguments.IndexOf("-ss") > arguments.IndexOf("-i"), string.Join(' ', arguments));
        Assert.Equal("0.64", arguments[arguments.IndexOf("-ss") + 1]);
        Assert.Equal("0", FfmpegArguments.SegmentSnapshot("/s.ts", TimeSpan.FromSeconds(-1), "/c.jpg")[arguments.IndexOf("-ss") + 1]);
        Assert.Equal("/c.jpg", arguments[^1]);
    }

    [Fact]
    public void Concat_list_quotes_paths()
    {
        Assert.Equal("ffconcat version 1.0\nfile '/r/a.ts'\nfile '/r/it'\\''s.ts'\n", FfmpegArguments.ConcatList(["/r/a.ts", "/r/it's.ts"]));
    }

    [Fact]
    public void Backoff_doubles_to_its_ceiling_and_resets()
    {
        var backoff = new RestartBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        Assert.Equal([1, 2, 4, 5, 5], Enumerable.Range(0, 5).Select(_ => backoff.Next().TotalSeconds));
        backoff.Reset();
        Assert.Equal(1, backoff.Next().TotalSeconds);
    }
}
