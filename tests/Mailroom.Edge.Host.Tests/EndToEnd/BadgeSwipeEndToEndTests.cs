using System.Globalization;
using System.Text.Json;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Host.Tests.EndToEnd;

/// <summary>One badge swipe through the whole slice: simulated lines → decoder → SQLite credentials → strike →
/// SQLite outbox → libmosquitto → a real mosquitto → a subscriber.</summary>
public class BadgeSwipeEndToEndTests
{
    private const string Root = "mailroom/v1/demo/edge-1";

    [Fact]
    public async Task A_granted_swipe_pulses_the_strike_and_is_published_field_by_field()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, $"{Root}/#", AgentHarness.Timeout);
        await using var agent = await AgentHarness.StartAsync(broker.Port);

        var appended = await agent.SwipeAsync(1001);
        var message = await subscriber.WaitForAsync(m => m.Topic == $"{Root}/event/access", AgentHarness.Timeout);

        using var json = JsonDocument.Parse(message.Payload);
        var e = json.RootElement;
        Assert.Equal(appended.Envelope.Id.ToString(), e.GetProperty("id").GetString());
        Assert.Equal(7, Guid.Parse(e.GetProperty("id").GetString()!).Version);
        // Not 1: the door's initial door.locked state is the first event of a fresh outbox.
        Assert.Equal(appended.Envelope.Seq, e.GetProperty("seq").GetInt64());
        var ts = e.GetProperty("ts").GetString()!;
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", ts);
        Assert.InRange(DateTimeOffset.Parse(ts, CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
        Assert.Equal("access.granted", e.GetProperty("type").GetString());
        Assert.Equal("demo", e.GetProperty("site").GetString());
        Assert.Equal("edge-1", e.GetProperty("device").GetString());
        Assert.Equal("front", e.GetProperty("door").GetString());
        Assert.Equal("front-in", e.GetProperty("reader").GetString());
        var credential = e.GetProperty("credential");
        Assert.Equal("H10301", credential.GetProperty("format").GetString());
        Assert.Equal(42, credential.GetProperty("facility").GetInt32());
        Assert.Equal(1001, credential.GetProperty("number").GetInt64());
        Assert.Equal("Ada Lovelace", e.GetProperty("holder").GetString());
        Assert.False(e.TryGetProperty("reason", out _));
        Assert.False(message.Retained);

        var unlocked = await agent.WaitForStrikeAsync(active: true);
        var relocked = await agent.WaitForStrikeAsync(active: false, afterNs: unlocked.TimestampNs);
        Assert.InRange(relocked.TimestampNs - unlocked.TimestampNs, agent.Options.Doors["front"].GrantTime.Ticks * 100, long.MaxValue);

        var status = await subscriber.WaitForAsync(m => m.Topic == $"{Root}/status", AgentHarness.Timeout);
        using var statusJson = JsonDocument.Parse(status.Payload);
        Assert.Equal("online", statusJson.RootElement.GetProperty("state").GetString());
        Assert.Equal(1, statusJson.RootElement.GetProperty("boot").GetInt64());

        var state = await subscriber.WaitForAsync(m => m.Topic == $"{Root}/door/front/state", AgentHarness.Timeout);
        using var stateJson = JsonDocument.Parse(state.Payload);
        Assert.StartsWith("door.", stateJson.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4242ul, "unknown_credential", null)]
    [InlineData(1002ul, "credential_disabled", "Grace Hopper")]
    [InlineData(1003ul, "credential_expired", "Alan Turing")]
    public async Task Denied_swipes_never_move_the_strike_and_say_why(ulong number, string reason, string? holder)
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, $"{Root}/event/#", AgentHarness.Timeout);
        await using var agent = await AgentHarness.StartAsync(broker.Port);

        await agent.SwipeAsync(number);
        var message = await subscriber.WaitForAsync(m => m.Topic == $"{Root}/event/access", AgentHarness.Timeout);

        using var json = JsonDocument.Parse(message.Payload);
        Assert.Equal("access.denied", json.RootElement.GetProperty("type").GetString());
        Assert.Equal(reason, json.RootElement.GetProperty("reason").GetString());
        Assert.Equal(holder, json.RootElement.TryGetProperty("holder", out var h) ? h.GetString() : null);
        Assert.DoesNotContain(agent.StrikeChanges, c => c.Active);
    }

    [Fact]
    public async Task A_row_is_marked_delivered_only_after_the_broker_PUBACK()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var relay = new TcpRelay(broker.Port);
        await using var subscriber = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, $"{Root}/#", AgentHarness.Timeout);
        await using var agent = await AgentHarness.StartAsync(relay.Port);
        await agent.WaitUntilSubscribedAsync();

        relay.HoldReplies();
        var appended = await agent.SwipeAsync(1001);
        await subscriber.WaitForAsync(m => m.Topic == $"{Root}/event/access", AgentHarness.Timeout);

        // The broker has the event (the subscriber got it) but its PUBACK is held: the row must still be pending.
        Assert.False(agent.OutboxRow(appended.Envelope.Seq)!.Delivered);

        relay.ReleaseReplies();
        await agent.WaitUntilAsync(() => agent.OutboxRow(appended.Envelope.Seq)!.Delivered, "the row is delivered");
        // The door's reaction (door.unlocked) follows the grant in seq order, so it may still be on its way here.
        await agent.WaitUntilAsync(() => agent.Outbox.PendingCount() == 0, "every row is delivered");
        Assert.Equal(0, agent.Outbox.PendingCount());
    }

    [Fact]
    public async Task Events_wait_in_the_outbox_while_the_broker_is_down_and_are_delivered_when_it_returns()
    {
        var broker = await MosquittoBroker.StartAsync();
        await using var _ = broker;
        broker.Kill();
        // The agent reaches the broker through a relay whose replies are held, so that after the broker returns the
        // test's subscriber is certainly subscribed before the agent sees its CONNACK and starts publishing.
        await using var relay = new TcpRelay(broker.Port);
        relay.HoldReplies();
        await using var agent = await AgentHarness.StartAsync(relay.Port);

        var first = await agent.SwipeAsync(1001);
        var second = await agent.SwipeAsync(4242);
        // At least the two swipes; the door's state events wait with them.
        Assert.InRange(agent.Outbox.PendingCount(), 2, int.MaxValue);
        Assert.False(agent.Publisher.Connected);

        await broker.RestartAsync();
        await using var subscriber = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, $"{Root}/event/#", AgentHarness.Timeout);
        relay.ReleaseReplies();

        await agent.WaitUntilAsync(() => agent.Outbox.PendingCount() == 0, "the outbox is drained");
        foreach (var seq in new[] { first.Envelope.Seq, second.Envelope.Seq })
        {
            var message = await subscriber.WaitForAsync(m => SeqOf(m.Payload) == seq, AgentHarness.Timeout);
            Assert.Equal($"{Root}/event/access", message.Topic);
        }
    }

    private static long SeqOf(byte[] payload)
    {
        using var json = JsonDocument.Parse(payload);
        return json.RootElement.GetProperty("seq").GetInt64();
    }
}
