using System.Text.Json;
using Mailroom.Edge.Core.Doors;

namespace Mailroom.Edge.Core.Events;

/// <summary><c>door.exit_request</c>: the exit button (or motion sensor) was used; <see cref="Outcome"/> is
/// <c>unlocked</c>, <c>shunted</c> or <c>ignored</c> (inside the ignore window after a grant).</summary>
public sealed record ExitRequestEvent(DateTimeOffset Timestamp, DoorId Door, string Outcome) : DomainEvent(Timestamp)
{
    public override string Type => "door.exit_request";

    public override EventCategory Category => EventCategory.Door;

    public override EventPriority Priority => EventPriority.State;

    public override void WriteFields(Utf8JsonWriter json)
    {
        json.WriteString("door", Door.Value);
        json.WriteString("outcome", Outcome);
    }
}
