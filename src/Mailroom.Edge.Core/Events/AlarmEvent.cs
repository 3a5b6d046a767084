using System.Text.Json;
using Mailroom.Edge.Core.Doors;

namespace Mailroom.Edge.Core.Events;

/// <summary>
/// <c>alarm.{kind}</c> when an alarm is raised and <c>alarm.{kind}_cleared</c> when it ends, on <c>{root}/event/alarm</c>.
/// <see cref="Door"/> is null for device-wide alarms (an auxiliary input not tied to a door); <see cref="Source"/> names
/// the input, holder or reader that raised it.
/// </summary>
public sealed record AlarmEvent(DateTimeOffset Timestamp, DoorId? Door, AlarmKind Kind, bool Active, string? Source = null, string? Detail = null)
    : DomainEvent(Timestamp)
{
    public override string Type => $"alarm.{WireNames.SnakeCase(Kind.ToString())}{(Active ? "" : "_cleared")}";

    public override EventCategory Category => EventCategory.Alarm;

    // The pre-alarm is a nudge, not an alarm; the outbox may shed it under pressure.
    public override EventPriority Priority => Kind == AlarmKind.HeldOpenWarning ? EventPriority.State : EventPriority.Critical;

    public override void WriteFields(Utf8JsonWriter json)
    {
        if (Door is { } door)
            json.WriteString("door", door.Value);
        json.WriteString("alarm", WireNames.SnakeCase(Kind.ToString()));
        json.WriteBoolean("active", Active);
        if (Source is not null)
            json.WriteString("source", Source);
        if (Detail is not null)
            json.WriteString("detail", Detail);
    }
}
