using System.Text.Json;

namespace Mailroom.Edge.Core.Events;

/// <summary>
/// <c>credentials.snapshot_requested</c> on <c>{root}/event/system</c>: the agent cannot bring its list up to date with
/// a delta (it does not start at the live version, or a snapshot broke off) and asks the server for a full snapshot.
/// </summary>
public sealed record CredentialSnapshotRequestedEvent(DateTimeOffset Timestamp, long ActiveVersion, string Reason)
    : DomainEvent(Timestamp)
{
    public override string Type => "credentials.snapshot_requested";

    public override EventCategory Category => EventCategory.System;

    public override EventPriority Priority => EventPriority.State;

    public override void WriteFields(Utf8JsonWriter json)
    {
        json.WriteNumber("active_version", ActiveVersion);
        json.WriteString("reason", Reason);
    }
}
