using Mailroom.Edge.Testing;
using Mailroom.Edge.Video.Clips;
using Mailroom.Edge.Video.Probing;
using Xunit;

namespace Mailroom.Edge.Video.Tests.Integration;

/// <summary>
/// The clip check pointed at files made with real ffmpeg from its test pattern (and broken on purpose): what
/// <see cref="FfprobeClipProbe"/> reads from them and what <see cref="ClipCheck"/> decides.
/// </summary>
public sealed class ClipFileCheckTests : IDisposable
{
    private static readonly TimeSpan Ten = TimeSpan.FromSeconds(10);
    private readonly TempDirectory _folder = new("mailroom-clip-file-check");
    private readonly FfprobeClipProbe _probe = new("/usr/bin", FfprobeClipProbe.DefaultTimeout);

    [Fact]
    public async Task A_clip_shorter_than_the_span_it_claims_is_flagged_short()
    {
        var path = await MakeAsync("two-seconds.mp4", seconds: 2, audio: false);

        var measured = await _probe.MeasureAsync(path, CancellationToken.None);

        Assert.InRange(measured.Video!.Duration.TotalSeconds, 1.9, 2.1);
        var claimingTen = ClipCheck.Judge(measured, Ten, audioExpected: false);
        Assert.Equal((ClipCheckOutcome.Flagged, ClipCheck.Short), (claimingTen.Outcome, claimingTen.Reason));
        Assert.Contains("its span is 10.000 s", claimingTen.Detail, StringComparison.Ordinal);
        // The same file claiming what it holds passes.
        Assert.Equal(ClipCheckOutcome.Passed, ClipCheck.Judge(measured, TimeSpan.FromSeconds(2), audioExpected: false).Outcome);
    }

    [Fact]
    public async Task A_file_cut_off_after_its_index_is_measured_by_what_can_be_read_not_by_its_index()
    {
        var path = await MakeAsync("cut.mp4", seconds: 10, audio: true);
        var whole = await _probe.MeasureAsync(path, CancellationToken.None);
        Truncate(path, new FileInfo(path).Length / 2);

        var measured = await _probe.MeasureAsync(path, CancellationToken.None);

        Assert.InRange(whole.Video!.Duration.TotalSeconds, 9.9, 10.1);
        Assert.InRange(measured.Video!.Duration.TotalSeconds, 2.0, 8.0);
        Assert.True(measured.Video.Packets < whole.Video.Packets);
        Assert.Equal(ClipCheck.Short, ClipCheck.Judge(measured, Ten, audioExpected: true).Reason);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("header only")]
    [InlineData("empty")]
    public async Task A_file_that_is_not_readable_video_is_rejected_with_ffprobes_reason(string damage)
    {
        var path = await MakeAsync("broken.mp4", seconds: 2, audio: false);
        switch (damage)
        {
            case "garbage":
                File.WriteAllBytes(path, [.. Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7919 >> 3))]);
                break;
            case "header only":
                Truncate(path, 3000);
                break;
            default:
                Truncate(path, 0);
                break;
        }

        var result = ClipCheck.Judge(await _probe.MeasureAsync(path, CancellationToken.None), TimeSpan.FromSeconds(2), audioExpected: false);

        Assert.Equal((ClipCheckOutcome.Rejected, ClipCheck.Unreadable), (result.Outcome, result.Reason));
        // Garbage and an empty file are not containers (ffprobe says why); a header torn inside the first keyframe is
        // one, but without a frame that can be decoded.
        if (damage == "header only")
            Assert.Equal("the file has no readable video", result.Detail);
        else
            Assert.StartsWith("ffprobe: ", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clip_without_audio_from_a_camera_that_records_audio_is_flagged()
    {
        var silent = await _probe.MeasureAsync(await MakeAsync("silent.mp4", seconds: 3, audio: false), CancellationToken.None);
        var withAudio = await _probe.MeasureAsync(await MakeAsync("sound.mp4", seconds: 3, audio: true), CancellationToken.None);
        var span = TimeSpan.FromSeconds(3);

        var flagged = ClipCheck.Judge(silent, span, audioExpected: true);
        Assert.Equal((ClipCheckOutcome.Flagged, ClipCheck.NoAudio), (flagged.Outcome, flagged.Reason));
        Assert.Equal(ClipCheckOutcome.Passed, ClipCheck.Judge(silent, span, audioExpected: false).Outcome);
        Assert.Equal(ClipCheckOutcome.Passed, ClipCheck.Judge(withAudio, span, audioExpected: true).Outcome);
        Assert.Equal([("video", "h264"), ("audio", "aac")], withAudio.Streams.Select(s => (s.Type, s.Codec)));
    }

    [Fact]
    public async Task Without_ffprobe_the_check_says_it_could_not_run_and_does_not_blame_the_file()
    {
        var path = await MakeAsync("fine.mp4", seconds: 2, audio: false);
        var noFfprobe = new FfprobeClipProbe(_folder.File("no-such-folder"), FfprobeClipProbe.DefaultTimeout);

        var measured = await noFfprobe.MeasureAsync(path, CancellationToken.None);

        Assert.Null(measured.Unreadable);
        Assert.Contains("ffprobe not found at", measured.Unavailable, StringComparison.Ordinal);
        Assert.Equal(ClipCheckOutcome.Unchecked, ClipCheck.Judge(measured, TimeSpan.FromSeconds(2), audioExpected: false).Outcome);
    }

    public void Dispose() => _folder.Dispose();

    private Task<string> MakeAsync(string name, int seconds, bool audio) => TestPatternClip.MakeAsync(_folder.File(name), seconds, audio);

    private static void Truncate(string path, long length)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        file.SetLength(length);
    }
}
