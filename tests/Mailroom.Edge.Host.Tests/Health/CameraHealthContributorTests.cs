using System.Text.Json;
using Mailroom.Edge.Host.Health;
using Mailroom.Edge.Video.Probing;
using Mailroom.Edge.Video.Recording;
using Xunit;

namespace Mailroom.Edge.Host.Tests.Health;

public class CameraHealthContributorTests
{
    [Fact]
    public void Health_carries_each_cameras_state_and_problem()
    {
        var since = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
        CameraHealth[] cameras = [new("door-cam", CameraState.Down, since, since.AddSeconds(-20), 3, "no new segment for 15 s") { FailedClipChecks = 2 }];

        using var health = Write(cameras);
        var camera = health.RootElement.GetProperty("cameras").GetProperty("door-cam");

        Assert.Equal("down", camera.GetProperty("state").GetString());
        Assert.Equal("2026-11-22T10:00:00.000Z", camera.GetProperty("since").GetString());
        Assert.Equal(3, camera.GetProperty("restarts").GetInt32());
        Assert.Equal(2, camera.GetProperty("failed_clip_checks").GetInt32());
        Assert.Equal("no new segment for 15 s", camera.GetProperty("problem").GetString());
    }

    [Fact]
    public void Health_carries_what_each_camera_sent_when_probed_or_why_not()
    {
        var since = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
        CameraHealth[] cameras =
        [
            new("door-cam", CameraState.Up, since, since, 0, null) { Probe = CameraProbeResult.Found("h264", 1280, 720, 25, "aac") },
            new("yard-cam", CameraState.Down, since, null, 1, null)
            {
                Probe = CameraProbeResult.Failed(CameraProbeFailure.WrongCredentials, "rtsp://***@10.0.0.5/cam: Server returned 401 Unauthorized"),
            },
            new("new-cam", CameraState.Starting, since, null, 0, null),
        ];

        using var health = Write(cameras);
        var all = health.RootElement.GetProperty("cameras");

        var probe = all.GetProperty("door-cam").GetProperty("probe");
        Assert.Equal("h264 1280x720 25 fps", probe.GetProperty("video").GetString());
        Assert.Equal("aac", probe.GetProperty("audio").GetString());
        Assert.StartsWith("camera refused the user name or password", all.GetProperty("yard-cam").GetProperty("probe_error").GetString(), StringComparison.Ordinal);
        Assert.False(all.GetProperty("yard-cam").TryGetProperty("probe", out _));
        Assert.False(all.GetProperty("new-cam").TryGetProperty("probe", out _));
        Assert.False(all.GetProperty("new-cam").TryGetProperty("probe_error", out _));
    }

    private static JsonDocument Write(CameraHealth[] cameras)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            new CameraHealthContributor(() => cameras).WriteHealth(json);
            json.WriteEndObject();
        }
        return JsonDocument.Parse(stream.ToArray());
    }
}
