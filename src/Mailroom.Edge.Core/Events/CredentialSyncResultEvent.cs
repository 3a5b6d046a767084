using System.Text.Json;

namespace Mailroom.Edge.Core.Events;

/// <summary>
/// <c>credentials.sync_result</c> on <c>{root}/event/system</c>: how one sync ended. <c>applied</c> carries the
/// version, count and hash now live and <c>duplicate_pins</c>, the PINs held by more than one credential (denied
/// <c>ambiguous_pin</c> when typed alone); <c>rejected</c> carries the reason, and the old list stays live.
/// </summary>
public sealed record CredentialSyncResultEvent(
    DateTimeOffset Timestamp,
    string Kind,
    bool Applied,
    long Version,
    string? Reason,
    long? Count,
    string? Hash,
    long ActiveVersion,
    long? DuplicatePins = null)
    : DomainEvent(Timestamp)
{
    public override string Type => "credentials.sync_result";

    public override EventCategory Category => EventCategory.System;

    public override EventPriority Priority => EventPriority.State;

    public override void WriteFields(Utf8JsonWriter json)
    {
        json.WriteString("result", Applied ? "applied" : "rejected");
        json.WriteString("kind", Kind);
        json.WriteNumber("version", Version);
        json.WriteNumber("active_version", ActiveVersion);
        if (Reason is not null)
            json.WriteString("reason", Reason);
        if (Count is { } count)
            json.WriteNumber("count", count);
        if (Hash is not null)
            json.WriteString("hash", Hash);
        if (DuplicatePins is { } duplicates)
            json.WriteNumber("duplicate_pins", duplicates);
    }
}
