using System.Text.Json;
using Mailroom.Edge.Core.Access;

namespace Mailroom.Edge.Core.Events;

/// <summary>
/// <c>credentials.stale</c> on <c>{root}/event/system</c> (critical priority: never shed): the credential list became
/// older than its maximum age; <c>policy</c> says whether decisions go on (<c>keep_going</c>) or only responders pass
/// (<c>responders_only</c>). Sent once per crossing; a later applied sync ends the condition.
/// </summary>
public sealed record CredentialListStaleEvent(DateTimeOffset Timestamp, CredentialListStatus List, TimeSpan MaxAge, StaleListPolicy Policy)
    : DomainEvent(Timestamp)
{
    public override string Type => "credentials.stale";

    public override EventCategory Category => EventCategory.System;

    public override EventPriority Priority => EventPriority.Critical;

    public override void WriteFields(Utf8JsonWriter json)
    {
        json.WriteNumber("version", List.Version);
        if (List.UpdatedAt is { } updated)
            json.WriteString("updated", WireNames.Timestamp(updated));
        else
            json.WriteNull("updated");
        json.WriteNumber("max_age_s", (long)MaxAge.TotalSeconds);
        json.WriteString("policy", WireNames.SnakeCase(Policy.ToString()));
    }
}
