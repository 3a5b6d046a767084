using System.Text.Json;
using Mailroom.Edge.Core.Doors;

namespace Mailroom.Edge.Core.Events;

/// <summary><c>door.mode_changed</c>: the effective mode changed; <see cref="Source"/> is <c>config</c>, <c>schedule</c>,
/// <c>first_card</c>, <c>command</c> or <c>lockdown</c>.</summary>
public sealed record DoorModeChangedEvent(DateTimeOffset Timestamp, DoorId Door, DoorMode Mode, DoorMode Previous, string Source)
    : DomainEvent(Timestamp)
{
    public override string Type => "door.mode_changed";

    public override EventCategory Category => EventCategory.Door;

    public override EventPriority Priority => EventPriority.Critical;

    public override void WriteFields(Utf8JsonWriter json)
    {
        json.WriteString("door", Door.Value);
        json.WriteString("mode", WireNames.SnakeCase(Mode.ToString()));
        json.WriteString("previous", WireNames.SnakeCase(Previous.ToString()));
        json.WriteString("source", Source);
    }
}
