using System.Text.Json;

namespace Mailroom.Edge.Core.Events;

/// <summary>
/// <c>clip.ready</c>: an evidence clip was written. It names the events that caused it, the window that was asked for
/// and the window the file really covers (segments start on keyframes, so the real start is usually earlier; after an
/// outage it can be later), and the file's SHA-256 and size so the central server can prove the copy it holds.
/// The file was checked before this event (docs/video.md, "Checking a clip"): <paramref name="Duration"/> and
/// <paramref name="Streams"/> are what ffprobe read from it when <paramref name="Checked"/>; <paramref name="Partial"/>
/// says the clip misses part of its window or of its span (a <c>clip.missing</c> names what), and
/// <paramref name="Problem"/> is the check's finding (<c>short_clip</c>, <c>no_audio</c>) when it flagged one.
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
    bool HasSnapshot,
    bool Checked = false,
    IReadOnlyList<ClipStream>? Streams = null,
    bool Partial = false,
    string? Problem = null) : DomainEvent(Timestamp)
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
        json.WriteBoolean("checked", Checked);
        if (Streams is not null)
        {
            json.WriteStartArray("streams");
            foreach (var stream in Streams)
                stream.Write(json);
            json.WriteEndArray();
        }
        json.WriteBoolean("partial", Partial);
        if (Problem is not null)
            json.WriteString("problem", Problem);
    }
}
