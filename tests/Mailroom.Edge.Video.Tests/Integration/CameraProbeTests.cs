using System.Diagnostics;
using Mailroom.Edge.Testing;
using Mailroom.Edge.Testing.Logging;
using Mailroom.Edge.Video.Probing;
using Xunit;

namespace Mailroom.Edge.Video.Tests.Integration;

/// <summary>
/// The FFMpegCore probe against the real RTSP test camera: what it sends, and each way a camera can be wrong (dead,
/// wrong path, wrong password, hung) as a clear reason within the timeout, never with the password in it.
/// </summary>
[Collection("real video")]
public sealed class CameraProbeTests : IDisposable
{
    private static readonly TimeSpan RtspTimeout = TimeSpan.FromSeconds(2);
    private readonly FfprobeCameraProbe _probe = new("/usr/bin", RtspTimeout);
    private readonly TempDirectory _folder = new("mailroom-video-probe");
    private readonly LoggedErrors _errors = new();

    [Fact]
    public async Task A_camera_reports_its_codec_resolution_and_frame_rate_and_no_audio()
    {
        await using var camera = await RtspTestCamera.StartAsync();

        var result = await _probe.ProbeAsync(camera.Url, CancellationToken.None);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal("h264 320x240 25 fps", result.VideoSummary);
        Assert.Null(result.AudioCodec);
    }

    [Fact]
    public async Task A_camera_with_audio_reports_the_audio_codec()
    {
        await using var camera = await RtspTestCamera.StartAsync(640, 480, TestCameraAudio.Pcmu);

        var result = await _probe.ProbeAsync(camera.Url, CancellationToken.None);

        Assert.Equal("h264 640x480 25 fps", result.VideoSummary);
        Assert.Equal("pcm_mulaw", result.AudioCodec);
    }

    [Fact]
    public async Task A_dead_port_fails_as_not_reachable_within_the_timeout()
    {
        var url = $"rtsp://viewer:{RtspTestCamera.Password}@127.0.0.1:{FreeTcpPort.Next()}/cam";
        var clock = Stopwatch.StartNew();

        var result = await _probe.ProbeAsync(url, CancellationToken.None);

        Assert.Equal(CameraProbeFailure.NotReachable, result.Failure);
        Assert.True(clock.Elapsed < RtspTimeout, $"took {clock.Elapsed}");
        AssertNoPassword(result);
    }

    [Fact]
    public async Task A_wrong_path_fails_as_wrong_path()
    {
        await using var camera = await RtspTestCamera.StartAsync();

        var result = await _probe.ProbeAsync(camera.Url.Replace("/cam", "/no-such-stream", StringComparison.Ordinal), CancellationToken.None);

        Assert.Equal(CameraProbeFailure.WrongPath, result.Failure);
        Assert.Contains("/no-such-stream", result.Detail, StringComparison.Ordinal);
        AssertNoPassword(result);
    }

    [Fact]
    public async Task A_wrong_password_fails_as_wrong_credentials_and_the_right_one_passes()
    {
        await using var camera = await RtspTestCamera.StartAsync(requirePassword: true);
        const string wrong = "wrong-pass%40x";

        var refused = await _probe.ProbeAsync(camera.Url.Replace(RtspTestCamera.Password, wrong, StringComparison.Ordinal), CancellationToken.None);
        var accepted = await _probe.ProbeAsync(camera.Url, CancellationToken.None);

        Assert.Equal(CameraProbeFailure.WrongCredentials, refused.Failure);
        Assert.Contains("rtsp://***@127.0.0.1", refused.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-pass", refused.ToString(), StringComparison.Ordinal);
        Assert.True(accepted.Succeeded, accepted.FailureReason);
    }

    [Fact]
    public async Task A_hung_camera_fails_as_timed_out_soon_after_the_rtsp_timeout()
    {
        await using var camera = await RtspTestCamera.StartAsync();
        camera.Freeze();
        var clock = Stopwatch.StartNew();

        var result = await _probe.ProbeAsync(camera.Url, CancellationToken.None);

        Assert.Equal(CameraProbeFailure.TimedOut, result.Failure);
        Assert.InRange(clock.Elapsed, RtspTimeout, RtspTimeout * 3);
        AssertNoPassword(result);
    }

    [Fact]
    public async Task The_recorder_probes_each_camera_at_start_and_reports_it_in_health()
    {
        await using var camera = await RtspTestCamera.StartAsync();
        CameraSettings[] cameras =
        [
            new("front", camera.Url, [], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), []),
            new("gone", $"rtsp://viewer:{RtspTestCamera.Password}@127.0.0.1:{FreeTcpPort.Next()}/cam", [], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), []),
        ];
        await using var video = new VideoRecorder(VideoBenchmarks.Settings(_folder.Path), cameras, new RecordingEventSink(), TimeProvider.System, _errors, _probe);

        video.Start();
        await video.Probed.WaitAsync(TimeSpan.FromSeconds(30));

        var health = video.Health.ToDictionary(h => h.Camera);
        Assert.Equal("h264 320x240 25 fps", health["front"].Probe?.VideoSummary);
        Assert.Equal(CameraProbeFailure.NotReachable, health["gone"].Probe?.Failure);
        AssertNoPassword(health["gone"].Probe!);
    }

    private static void AssertNoPassword(CameraProbeResult result)
    {
        Assert.DoesNotContain(RtspTestCamera.Password, result.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(RtspTestCamera.Password, result.FailureReason, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _folder.Dispose();
        _errors.ThrowIfUnexpected();
    }
}
