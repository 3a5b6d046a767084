using System.Buffers;
using System.Text.Json;
using Mailroom.Edge.Host.Health;
using Mailroom.Edge.Video.Retention;
using Xunit;

namespace Mailroom.Edge.Host.Tests.Health;

public class ClipHealthContributorTests
{
    [Fact]
    public void Health_carries_the_held_clips_and_their_bytes()
    {
        using var health = Write(() => new HeldClips(2, 7_340_032));
        var clips = health.RootElement.GetProperty("clips");

        Assert.Equal(2, clips.GetProperty("held").GetInt32());
        Assert.Equal(7_340_032, clips.GetProperty("held_bytes").GetInt64());
    }

    [Fact]
    public void An_unreadable_clip_folder_is_reported_and_health_still_goes_out()
    {
        using var health = Write(() => throw new UnauthorizedAccessException("Access to the path '/var/lib/mailroom-edge/clips' is denied."));

        Assert.Equal("Access to the path '/var/lib/mailroom-edge/clips' is denied.", health.RootElement.GetProperty("clips").GetProperty("error").GetString());
    }

    private static JsonDocument Write(Func<HeldClips> held)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            new ClipHealthContributor(held).WriteHealth(json);
            json.WriteEndObject();
        }
        return JsonDocument.Parse(buffer.WrittenMemory);
    }
}
