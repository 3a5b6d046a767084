using Xunit;

namespace Mailroom.Edge.Video.Tests.Pure;

public class UrlRedactionTests
{
    [Theory]
    [InlineData("rtsp://admin:hunter2@10.0.0.5:554/Streaming/101", "rtsp://***@10.0.0.5:554/Streaming/101")]
    [InlineData("rtsp://admin:p@ss@cam.local/live", "rtsp://***@cam.local/live")]
    [InlineData("rtsp://user@cam.local/live?x=a@b", "rtsp://***@cam.local/live?x=a@b")]
    [InlineData("rtsp://cam.local/live?x=a@b", "rtsp://cam.local/live?x=a@b")]
    [InlineData("rtsp://10.0.0.5:554/", "rtsp://10.0.0.5:554/")]
    [InlineData("not a url", "not a url")]
    public void Redact_masks_the_user_info_only(string url, string expected) => Assert.Equal(expected, UrlRedaction.Redact(url));

    [Fact]
    public void Scrub_removes_credentials_from_ffmpeg_lines()
    {
        const string url = "rtsp://admin:hunter2@10.0.0.5/live";
        var line = UrlRedaction.Scrub($"[rtsp @ 0x1] method DESCRIBE failed: 401 Unauthorized ({url})", url);
        Assert.DoesNotContain("hunter2", line, StringComparison.Ordinal);
        Assert.Contains("rtsp://***@10.0.0.5/live", line, StringComparison.Ordinal);
    }
}
