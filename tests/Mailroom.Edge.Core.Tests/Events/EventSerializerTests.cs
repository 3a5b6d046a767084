using System.Text.Json;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Wiegand;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Events;

public class EventSerializerTests
{
    private static readonly DeviceIdentity Device = new("hq", "edge-1");

    [Fact]
    public void A_denial_carries_the_envelope_the_credential_and_a_snake_case_reason()
    {
        var decision = new AccessDecision(false, DenialReason.UnknownCredential, new CardCredential("H10301", 42, 4242), null,
            [new DecisionCheck("enrolled", false, "no such card")]);
        var ts = new DateTimeOffset(2026, 11, 22, 10, 1, 2, 345, TimeSpan.FromHours(1));
        var id = Guid.CreateVersion7();

        using var json = JsonDocument.Parse(EventSerializer.Serialize(
            new AccessEvent(ts, new DoorId("front"), new ReaderId("front-in"), decision), new EventEnvelope(id, 17), Device));
        var root = json.RootElement;

        Assert.Equal(id.ToString(), root.GetProperty("id").GetString());
        Assert.Equal(17, root.GetProperty("seq").GetInt64());
        Assert.Equal("2026-11-22T09:01:02.345Z", root.GetProperty("ts").GetString());
        Assert.Equal("access.denied", root.GetProperty("type").GetString());
        Assert.Equal("hq", root.GetProperty("site").GetString());
        Assert.Equal("edge-1", root.GetProperty("device").GetString());
        Assert.Equal("front", root.GetProperty("door").GetString());
        Assert.Equal("front-in", root.GetProperty("reader").GetString());
        Assert.Equal("unknown_credential", root.GetProperty("reason").GetString());
        Assert.Equal(42, root.GetProperty("credential").GetProperty("facility").GetInt32());
        Assert.Equal(4242, root.GetProperty("credential").GetProperty("number").GetInt32());
        Assert.False(root.TryGetProperty("holder", out _));
    }

    [Fact]
    public void Status_is_online_or_offline_with_the_boot_counter()
    {
        using var json = JsonDocument.Parse(EventSerializer.Status(false, 3, DateTimeOffset.UnixEpoch));

        Assert.Equal("offline", json.RootElement.GetProperty("state").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("boot").GetInt64());
        Assert.Equal("1970-01-01T00:00:00.000Z", json.RootElement.GetProperty("ts").GetString());
    }

    [Fact]
    public void Topics_follow_the_v1_root()
    {
        Assert.Equal("mailroom/v1/hq/edge-1/event/access", Device.EventTopic(EventCategory.Access));
        Assert.Equal("mailroom/v1/hq/edge-1/status", Device.StatusTopic);
    }
}
