using System.Text.Json;

namespace Mailroom.Edge.Core.Events;

/// <summary>
/// <c>clip.ready</c>: an evidence clip was written. It names the events that caused it, the window that was asked for
/// and the window the file really covers (segments start on keyframes, so the real start is usually earlier; after an
/// outage it can be later), and the file's SHA-256 and size so the central server can prove the copy it holds.
/// </summary>
public sealed record ClipReadyEvent(
    DateTimeOffset Timestamp,
    string ClipId,
    string Camera,
    IReadOnlyList<Guid> TriggerEventIds,
    DateTimeOffset RequestedStart,
    DateTimeOffset RequestedEnd,
    DateTimeOffset ActualStart,
    DateTimeOffset ActualEnd,
    TimeSpan Duration,
    long SizeBytes,
    string Sha256,
    bool HasSnapshot) : DomainEvent(Timestamp)
{
    public override string Type => "clip.ready";

    public override EventCategory Category => EventCategory.Clip;

    public override EventPriority Priority => EventPriority.Critical;

    public override void WriteFields(Utf8JsonWriter json)
    {
        json.WriteString("clip", ClipId);
        json.WriteString("camera", Camera);
        json.WriteStartArray("triggers");
        foreach (var id in TriggerEventIds)
            json.WriteStringValue(id);
        json.WriteEndArray();
        json.WriteString("requested_start", WireNames.Timestamp(RequestedStart));
        json.WriteString("requested_end", WireNames.Timestamp(RequestedEnd));
        json.WriteString("start", WireNames.Timestamp(ActualStart));
        json.WriteString("end", WireNames.Timestamp(ActualEnd));
        json.WriteNumber("duration_s", Math.Round(Duration.TotalSeconds, 3));
        json.WriteNumber("size", SizeBytes);
        json.WriteString("sha256", Sha256);
        json.WriteBoolean("snapshot", HasSnapshot);
    }
}
