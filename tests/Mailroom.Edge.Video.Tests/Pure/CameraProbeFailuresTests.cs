using Mailroom.Edge.Video.Probing;
using Xunit;

namespace Mailroom.Edge.Video.Tests.Pure;

/// <summary>ffprobe's own words (ffmpeg 7, RTSP over TCP) for each way a camera can be wrong.</summary>
public class CameraProbeFailuresTests
{
    [Theory]
    [InlineData("[tcp @ 0x1] Connection to tcp://10.0.0.5:554?timeout=5000000 failed: Connection refused\nrtsp://***@10.0.0.5:554/cam: Connection refused", CameraProbeFailure.NotReachable)]
    [InlineData("[tcp @ 0x1] Connection to tcp://10.0.0.5:554 failed: No route to host", CameraProbeFailure.NotReachable)]
    [InlineData("[tcp @ 0x1] Failed to resolve hostname cam.invalid: Name or service not known", CameraProbeFailure.NotReachable)]
    [InlineData("[rtsp @ 0x1] method DESCRIBE failed: 401 Unauthorized\nrtsp://***@10.0.0.5:554/cam: Server returned 401 Unauthorized (authorization failed)", CameraProbeFailure.WrongCredentials)]
    [InlineData("[rtsp @ 0x1] method DESCRIBE failed: 404 Not Found\nrtsp://***@10.0.0.5:554/nope: Server returned 404 Not Found", CameraProbeFailure.WrongPath)]
    [InlineData("rtsp://***@10.0.0.5:14010/cam: Invalid data found when processing input", CameraProbeFailure.Other)]
    public void Classifies_by_what_ffprobe_said(string stderr, CameraProbeFailure expected) =>
        Assert.Equal(expected, CameraProbeFailures.Classify(stderr, ranOutOfTime: false));

    [Fact]
    public void Vague_output_after_the_whole_timeout_is_a_timeout() =>
        Assert.Equal(CameraProbeFailure.TimedOut, CameraProbeFailures.Classify("rtsp://***@10.0.0.5/cam: Invalid data found when processing input", ranOutOfTime: true));

    [Fact]
    public void The_detail_is_the_last_line() =>
        Assert.Equal("b: c", CameraProbeFailures.LastLine("a\nb: c\n\n"));
}
