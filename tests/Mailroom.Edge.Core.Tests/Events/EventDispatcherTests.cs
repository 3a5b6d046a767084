using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Tests.Telemetry;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Events;

/// <summary>The dispatcher keeps each retained-state topic's newest event for consumers that subscribe late.</summary>
public sealed class EventDispatcherTests
{
    private static DoorStateChangedEvent State(string door, DoorState state) =>
        new(DateTimeOffset.UnixEpoch, new DoorId(door), state, DoorState.Locked, null, DoorMode.CardOnly, false);

    [Fact]
    public async Task A_late_subscriber_still_finds_the_newest_state_of_every_door()
    {
        var dispatcher = new EventDispatcher(new MemoryOutbox());
        await dispatcher.AppendAsync(State("front", DoorState.Locked));
        await dispatcher.AppendAsync(State("back", DoorState.Locked));
        await dispatcher.AppendAsync(State("front", DoorState.Unlocked));

        var late = dispatcher.Subscribe();

        Assert.False(late.TryRead(out _));
        var latest = dispatcher.LatestStates.ToDictionary(a => ((DoorStateChangedEvent)a.Event).Door.Value, a => ((DoorStateChangedEvent)a.Event).State);
        Assert.Equal(new Dictionary<string, DoorState> { ["front"] = DoorState.Unlocked, ["back"] = DoorState.Locked }, latest);
    }
}
