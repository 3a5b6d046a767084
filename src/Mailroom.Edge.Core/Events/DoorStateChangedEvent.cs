using System.Text.Json;
using Mailroom.Edge.Core.Doors;

namespace Mailroom.Edge.Core.Events;

/// <summary>
/// <c>door.{state}</c> (<c>door.locked</c>, <c>door.unlocked</c>, <c>door.open</c>, <c>door.held_open</c>,
/// <c>door.forced_open</c>) on <c>{root}/event/door</c>, and the retained <c>{root}/door/{door}/state</c>.
/// </summary>
public sealed record DoorStateChangedEvent(
    DateTimeOffset Timestamp, DoorId Door, DoorState State, DoorState Previous, UnlockCause? Cause, DoorMode Mode, bool Lockdown)
    : DomainEvent(Timestamp), IRetainedState
{
    public override string Type => $"door.{WireNames.SnakeCase(State.ToString())}";

    public override EventCategory Category => EventCategory.Door;

    public override EventPriority Priority => EventPriority.State;

    public string RetainedSubtopic => $"door/{Door.Value}/state";

    public override void WriteFields(Utf8JsonWriter json)
    {
        json.WriteString("door", Door.Value);
        json.WriteString("state", WireNames.SnakeCase(State.ToString()));
        json.WriteString("previous", WireNames.SnakeCase(Previous.ToString()));
        if (Cause is { } cause)
            json.WriteString("cause", WireNames.SnakeCase(cause.ToString()));
        json.WriteString("mode", WireNames.SnakeCase(Mode.ToString()));
        json.WriteBoolean("lockdown", Lockdown);
    }
}
