using System.Text.Json;
using Mailroom.Edge.Host.Health;
using Mailroom.Edge.Video.Recording;
using Xunit;

namespace Mailroom.Edge.Host.Tests.Health;

public class CameraHealthContributorTests
{
    [Fact]
    public void Health_carries_each_cameras_state_and_problem()
    {
        var since = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
        CameraHealth[] cameras = [new("door-cam", CameraState.Down, since, since.AddSeconds(-20), 3, "no new segment for 15 s")];

        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            new CameraHealthContributor(() => cameras).WriteHealth(json);
            json.WriteEndObject();
        }
        using var health = JsonDocument.Parse(stream.ToArray());
        var camera = health.RootElement.GetProperty("cameras").GetProperty("door-cam");

        Assert.Equal("down", camera.GetProperty("state").GetString());
        Assert.Equal("2026-11-22T10:00:00.000Z", camera.GetProperty("since").GetString());
        Assert.Equal(3, camera.GetProperty("restarts").GetInt32());
        Assert.Equal("no new segment for 15 s", camera.GetProperty("problem").GetString());
    }
}
