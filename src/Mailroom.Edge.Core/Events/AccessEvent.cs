using System.Text.Json;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Readers;

namespace Mailroom.Edge.Core.Events;

/// <summary>
/// An access decision at a door: <c>access.granted</c> or <c>access.denied</c> on <c>{root}/event/access</c>, with the
/// credential as decoded (format, facility, number — never a PIN), the holder when known, the denial reason, and the
/// trace of checks.
/// </summary>
public sealed record AccessEvent(DateTimeOffset Timestamp, DoorId Door, ReaderId Reader, AccessDecision Decision)
    : DomainEvent(Timestamp), IDoorEvent
{
    public override string Type => Decision.Granted ? "access.granted" : Decision.Pending ? "access.pending" : "access.denied";

    public override EventCategory Category => EventCategory.Access;

    public override EventPriority Priority => EventPriority.Critical;

    public override void WriteFields(Utf8JsonWriter json)
    {
        json.WriteString("door", Door.Value);
        json.WriteString("reader", Reader.Value);
        json.WriteStartObject("credential");
        json.WriteString("format", Decision.Credential.Format);
        if (Decision.Credential.Facility is { } facility)
            json.WriteNumber("facility", facility);
        else
            json.WriteNull("facility");
        json.WriteNumber("number", Decision.Credential.Number);
        json.WriteEndObject();
        if (Decision.Holder is { } holder)
            json.WriteString("holder", holder);
        if (Decision.Category is { } category)
            json.WriteString("category", category);
        if (Decision.MaxUses is { } maxUses)
        {
            json.WriteNumber("uses", Decision.Uses ?? 0);
            json.WriteNumber("max_uses", maxUses);
        }
        if (Decision.Reason is { } reason)
            json.WriteString("reason", WireNames.Of(reason));
        if (Decision.ExtendedGrant)
            json.WriteBoolean("extended_grant", true);
        if (Decision.PassbackViolation)
            json.WriteBoolean("passback_violation", true);
        if (Decision.StartsLockdown)
            json.WriteBoolean("starts_lockdown", true);
        // A duress grant is published like any grant: the silent alarm goes only to the alarm topic.
        json.WriteStartArray("trace");
        foreach (var check in Decision.Trace)
        {
            json.WriteStartObject();
            json.WriteString("check", check.Name);
            json.WriteBoolean("passed", check.Passed);
            if (check.Detail is { } detail)
                json.WriteString("detail", detail);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
