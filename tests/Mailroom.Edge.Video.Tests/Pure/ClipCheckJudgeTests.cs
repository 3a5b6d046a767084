using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Video.Clips;
using Mailroom.Edge.Video.Probing;
using Xunit;

namespace Mailroom.Edge.Video.Tests.Pure;

public class ClipCheckJudgeTests
{
    private static readonly TimeSpan Span = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(10.0)]
    [InlineData(10.9)] // Started at the keyframe before the window: longer is fine.
    [InlineData(9.6)] // Within the tolerance (a frame or two of rounding).
    public void Video_lasting_its_span_passes(double seconds) =>
        Assert.Equal(ClipCheckOutcome.Passed, ClipCheck.Judge(Measured(Video(seconds)), Span, audioExpected: false).Outcome);

    [Theory]
    [InlineData(9.4)] // More than the tolerance short.
    [InlineData(2.0)]
    public void Video_short_of_its_span_by_more_than_the_tolerance_is_flagged(double seconds)
    {
        var result = ClipCheck.Judge(Measured(Video(seconds)), Span, audioExpected: false);

        Assert.Equal((ClipCheckOutcome.Flagged, ClipCheck.Short), (result.Outcome, result.Reason));
    }

    [Fact]
    public void A_file_with_no_video_stream_or_no_video_packets_is_rejected()
    {
        Assert.Equal(ClipCheck.Unreadable, ClipCheck.Judge(Measured(Audio(10)), Span, false).Reason);
        Assert.Equal(ClipCheck.Unreadable, ClipCheck.Judge(Measured(new ClipStream("video", "h264", TimeSpan.Zero, 0)), Span, false).Reason);
        Assert.Equal(ClipCheckOutcome.Rejected, ClipCheck.Judge(ClipMeasurement.NotReadable("ffprobe: moov atom not found"), Span, false).Outcome);
    }

    [Fact]
    public void Missing_audio_is_flagged_only_when_audio_is_expected()
    {
        Assert.Equal(ClipCheck.NoAudio, ClipCheck.Judge(Measured(Video(10)), Span, audioExpected: true).Reason);
        Assert.Equal(ClipCheck.NoAudio, ClipCheck.Judge(Measured(Video(10), new ClipStream("audio", "aac", TimeSpan.Zero, 0)), Span, true).Reason);
        Assert.Equal(ClipCheckOutcome.Passed, ClipCheck.Judge(Measured(Video(10), Audio(10)), Span, audioExpected: true).Outcome);
    }

    [Fact]
    public void The_span_is_judged_across_streams_as_the_segment_list_measures_it()
    {
        // Audio packets reaching past the video's ends are in the ring's span too, so they count in the file's.
        var measured = ClipMeasurement.Of([Video(9.2), Audio(10)], TimeSpan.FromSeconds(10));

        Assert.Equal(ClipCheckOutcome.Passed, ClipCheck.Judge(measured, Span, audioExpected: true).Outcome);
        Assert.Equal(ClipCheck.Short, ClipCheck.Judge(ClipMeasurement.Of([Video(9.2), Audio(9.2)], TimeSpan.FromSeconds(9.3)), Span, true).Reason);
    }

    [Fact]
    public void A_missing_stream_is_named_before_the_short_span_it_causes() =>
        Assert.Equal(ClipCheck.NoAudio, ClipCheck.Judge(Measured(Video(5)), Span, audioExpected: true).Reason);

    [Fact]
    public void A_check_that_could_not_run_is_unchecked_not_a_verdict_on_the_file()
    {
        var result = ClipCheck.Judge(ClipMeasurement.NotChecked("ffprobe missing"), Span, audioExpected: true);

        Assert.Equal((ClipCheckOutcome.Unchecked, null, "ffprobe missing"), (result.Outcome, result.Reason, result.Detail));
    }

    [Theory]
    [InlineData("0:00:09.984580", 9.98458)]
    [InlineData("1:02:03.500000", 3723.5)]
    public void Ffprobe_sexagesimal_times_are_read(string text, double seconds) =>
        Assert.Equal(seconds, FfprobeClipProbe.Seconds(text)!.Value.TotalSeconds, 6);

    [Theory]
    [InlineData("N/A")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("9.5")]
    public void Missing_times_are_null(string? text) => Assert.Null(FfprobeClipProbe.Seconds(text));

    /// <summary>The streams as read, covering together as long as the longest of them.</summary>
    private static ClipMeasurement Measured(params ClipStream[] streams) => ClipMeasurement.Of(streams, streams.Max(s => s.Duration));

    private static ClipStream Video(double seconds) => new("video", "h264", TimeSpan.FromSeconds(seconds), (int)(seconds * 25));

    private static ClipStream Audio(double seconds) => new("audio", "aac", TimeSpan.FromSeconds(seconds), (int)(seconds * 43));
}
