using System.Text.Json;

namespace Mailroom.Edge.Core.Events;

/// <summary>
/// <c>snapshot.missing</c> on <c>{root}/event/clip</c>: an evidence rule asked for a still of an access decision but none
/// was kept. <paramref name="Reason"/> is <c>no_video</c> (the ring holds no segment covering <paramref name="At"/>: the
/// camera was down or had just started), <c>snapshot_failed</c> (ffmpeg could not take the frame) or
/// <c>unreadable_snapshot</c> (what it wrote is not a whole JPEG), with a <paramref name="Detail"/> for a person.
/// <paramref name="CameraState"/> and <paramref name="Problem"/> are the recorder's at that moment (credentials redacted).
/// The gap in the evidence is reported, never silent.
/// </summary>
public sealed record SnapshotMissingEvent(
    DateTimeOffset Timestamp,
    string Camera,
    string? Door,
    IReadOnlyList<Guid> EventIds,
    DateTimeOffset At,
    string Reason,
    string CameraState,
    string? Problem,
    string? Detail = null) : DomainEvent(Timestamp)
{
    public override string Type => "snapshot.missing";

    public override EventCategory Category => EventCategory.Clip;

    public override EventPriority Priority => EventPriority.Critical;

    public override void WriteFields(Utf8JsonWriter json)
    {
        SnapshotReadyEvent.WriteSubject(json, Camera, Door, EventIds);
        json.WriteString("at", WireNames.Timestamp(At));
        ClipMissingEvent.WriteGap(json, Reason, CameraState, Problem, Detail);
    }
}
