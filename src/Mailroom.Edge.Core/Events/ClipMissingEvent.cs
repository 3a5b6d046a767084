using System.Text.Json;

namespace Mailroom.Edge.Core.Events;

/// <summary>
/// <c>clip.missing</c>: a clip was asked for (by triggers or a command) but the ring had no video, or only part of the
/// window — the camera was down or had just started. The evidence gap is reported, not only logged.
/// <paramref name="Reason"/> is <c>no_video</c> or <c>partial_video</c>, or what the clip file's check found:
/// <c>unreadable_clip</c> (no <c>clip.ready</c>; the file is kept at <paramref name="File"/>, relative to the clip
/// folder), <c>short_clip</c> or <c>no_audio</c> (the clip is kept and announced as partial), each with the check's
/// <paramref name="Detail"/>; <paramref name="AvailableStart"/>/
/// <paramref name="AvailableEnd"/> is what the clip <paramref name="ClipId"/> really covers (both null with no video).
/// <paramref name="CameraState"/> and <paramref name="Problem"/> are the recorder's at that moment (credentials redacted).
/// </summary>
public sealed record ClipMissingEvent(
    DateTimeOffset Timestamp,
    string Camera,
    IReadOnlyList<string> Doors,
    IReadOnlyList<Guid> TriggerEventIds,
    DateTimeOffset RequestedStart,
    DateTimeOffset RequestedEnd,
    DateTimeOffset? AvailableStart,
    DateTimeOffset? AvailableEnd,
    string? ClipId,
    string Reason,
    string CameraState,
    string? Problem,
    string? Detail = null,
    string? File = null) : DomainEvent(Timestamp)
{
    public override string Type => "clip.missing";

    public override EventCategory Category => EventCategory.Clip;

    public override EventPriority Priority => EventPriority.Critical;

    public override void WriteFields(Utf8JsonWriter json)
    {
        json.WriteString("camera", Camera);
        json.WriteStartArray("doors");
        foreach (var door in Doors)
            json.WriteStringValue(door);
        json.WriteEndArray();
        json.WriteStartArray("triggers");
        foreach (var id in TriggerEventIds)
            json.WriteStringValue(id);
        json.WriteEndArray();
        json.WriteString("requested_start", WireNames.Timestamp(RequestedStart));
        json.WriteString("requested_end", WireNames.Timestamp(RequestedEnd));
        if (AvailableStart is { } start && AvailableEnd is { } end)
        {
            json.WriteString("available_start", WireNames.Timestamp(start));
            json.WriteString("available_end", WireNames.Timestamp(end));
        }
        if (ClipId is not null)
            json.WriteString("clip", ClipId);
        WriteGap(json, Reason, CameraState, Problem, Detail);
        if (File is not null)
            json.WriteString("file", File);
    }

    /// <summary>Why evidence is missing and the recorder's state then; shared with <c>snapshot.missing</c>.</summary>
    internal static void WriteGap(Utf8JsonWriter json, string reason, string cameraState, string? problem, string? detail)
    {
        json.WriteString("reason", reason);
        json.WriteString("camera_state", cameraState);
        if (problem is not null)
            json.WriteString("problem", problem);
        if (detail is not null)
            json.WriteString("detail", detail);
    }
}
