using System.Text.Json;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Mailroom.Edge.Host.Tests.EndToEnd;

/// <summary>The order of the agent's outbox is the causal one: a decision, then the door's reaction to it
/// (docs/mqtt.md, "Event order"). A consumer reading by <c>seq</c> never sees a door unlock with no decision yet.</summary>
public class EventOrderEndToEndTests
{
    [Fact]
    public async Task A_grant_is_committed_before_the_door_unlock_it_causes()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var agent = await AgentHarness.StartAsync(broker.Port);
        var events = agent.Host.Services.GetRequiredService<EventDispatcher>().Subscribe();

        await agent.SwipeAsync(1001);
        AppendedEvent? granted = null, unlocked = null;
        using var timeout = new CancellationTokenSource(AgentHarness.Timeout);
        while (granted is null || unlocked is null)
        {
            var appended = await events.ReadAsync(timeout.Token);
            if (appended.Event.Type == "access.granted")
                granted = appended;
            else if (appended.Event is DoorStateChangedEvent { State: DoorState.Unlocked })
                unlocked = appended;
        }

        var types = agent.Outbox.ReadRange(1, long.MaxValue)
            .Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("type").GetString())
            .ToList();
        Assert.True(types.IndexOf("access.granted") < types.IndexOf("door.unlocked"), string.Join(", ", types));
        Assert.True(granted.Envelope.Seq < unlocked.Envelope.Seq, $"access.granted seq {granted.Envelope.Seq}, door.unlocked seq {unlocked.Envelope.Seq}");
    }
}
