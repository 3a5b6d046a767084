using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Events;

/// <summary>The dispatcher keeps each retained-state topic's newest event for consumers that subscribe late.</summary>
public sealed class EventDispatcherTests
{
    private static DoorStateChangedEvent State(string door, DoorState state) =>
        new(DateTimeOffset.UnixEpoch, new DoorId(door), state, DoorState.Locked, null, DoorMode.CardOnly, false);

    [Fact]
    public void A_late_subscriber_still_finds_the_newest_state_of_every_door()
    {
        var dispatcher = new EventDispatcher();
        var seq = 0;
        foreach (var e in new[] { State("front", DoorState.Locked), State("back", DoorState.Locked), State("front", DoorState.Unlocked) })
            dispatcher.Publish(new AppendedEvent(new EventEnvelope(Guid.CreateVersion7(), ++seq), e));

        var late = dispatcher.Subscribe();

        Assert.False(late.TryRead(out _));
        var latest = dispatcher.LatestStates.ToDictionary(a => ((DoorStateChangedEvent)a.Event).Door.Value, a => ((DoorStateChangedEvent)a.Event).State);
        Assert.Equal(new Dictionary<string, DoorState> { ["front"] = DoorState.Unlocked, ["back"] = DoorState.Locked }, latest);
    }
}
