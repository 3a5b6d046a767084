using System.Text.Json;
using Mailroom.Edge.Core.Doors;

namespace Mailroom.Edge.Core.Events;

/// <summary>
/// <c>lockdown.started</c> / <c>lockdown.ended</c> on <c>{root}/event/alarm</c>, once per door that changes.
/// <see cref="Source"/> is <c>command</c>, <c>aux:{input}</c> or <c>credential</c>; <see cref="By"/> the holder or
/// command issuer when known.
/// </summary>
public sealed record LockdownChangedEvent(DateTimeOffset Timestamp, DoorId Door, bool Active, string Source, string? By)
    : DomainEvent(Timestamp)
{
    public override string Type => Active ? "lockdown.started" : "lockdown.ended";

    public override EventCategory Category => EventCategory.Alarm;

    public override EventPriority Priority => EventPriority.Critical;

    public override void WriteFields(Utf8JsonWriter json)
    {
        json.WriteString("door", Door.Value);
        json.WriteBoolean("active", Active);
        json.WriteString("source", Source);
        if (By is not null)
            json.WriteString("by", By);
    }
}
