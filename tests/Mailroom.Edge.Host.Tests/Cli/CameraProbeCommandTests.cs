using Mailroom.Edge.Host.Cli;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Testing;
using Mailroom.Edge.Video.Probing;

namespace Mailroom.Edge.Host.Tests.Cli;

/// <summary><c>mailroom-edge camera probe</c> against the real RTSP test camera: one fact a line, a clear reason and
/// exit 1 for a camera that refuses, exit 2 for input that names no camera; never the password.</summary>
[Collection("real video")]
public class CameraProbeCommandTests
{
    [Fact]
    public async Task A_url_prints_the_cameras_video_and_audio_without_the_password()
    {
        await using var camera = await RtspTestCamera.StartAsync();

        var result = await EdgeProcess.RunAsync("camera", "probe", camera.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([$"camera: rtsp://***@127.0.0.1:{camera.Port}/cam", "video: h264 320x240 25 fps", "audio: none"],
            result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain(RtspTestCamera.Password, result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_fails_with_the_reason_and_exit_1_without_the_password()
    {
        await using var camera = await RtspTestCamera.StartAsync(requirePassword: true);

        var result = await EdgeProcess.RunAsync("camera", "probe", camera.Url.Replace(RtspTestCamera.Password, "wrong-pass", StringComparison.Ordinal));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("camera refused the user name or password", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-pass", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_url_that_is_not_rtsp_is_bad_input()
    {
        var result = await EdgeProcess.RunAsync("camera", "probe", "http://admin:hunter2@10.0.0.5/cam");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not an rtsp:// URL", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_resolves_a_configured_camera()
    {
        await using var camera = await RtspTestCamera.StartAsync(audio: TestCameraAudio.Pcmu);
        var options = new EdgeOptions { Cameras = { ["front"] = new CameraOptions { Url = camera.Url } } };
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CameraVerb.ProbeAsync(options, "front", FfprobeCameraProbe.For, output, error, CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.Contains($"camera: front rtsp://***@127.0.0.1:{camera.Port}/cam", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("audio: pcm_mulaw", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_name_is_bad_input_listing_the_cameras()
    {
        var options = new EdgeOptions { Cameras = { ["front"] = new CameraOptions { Url = "rtsp://cam/live" } } };
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CameraVerb.ProbeAsync(options, "back", FfprobeCameraProbe.For, output, error, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains("'back' is neither a configured camera (cameras: front)", error.ToString(), StringComparison.Ordinal);
    }
}
