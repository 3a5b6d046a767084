using System.Text.Json;

namespace Mailroom.Edge.Core.Events;

/// <summary>
/// <c>snapshot.ready</c> on <c>{root}/event/clip</c>: a camera's evidence rule (docs/video.md, "Evidence rule") took a
/// still of the frame at an access decision's time. It names the decision's event id (<paramref name="EventIds"/>), the
/// door, when the frame was taken and the JPEG's size and SHA-256, so the central server can prove the copy it gets
/// through clip delivery (the snapshot id is a clip id there, content type <c>image/jpeg</c>).
/// </summary>
public sealed record SnapshotReadyEvent(
    DateTimeOffset Timestamp,
    string SnapshotId,
    string Camera,
    string? Door,
    IReadOnlyList<Guid> EventIds,
    DateTimeOffset FrameAt,
    long SizeBytes,
    string Sha256) : DomainEvent(Timestamp)
{
    public override string Type => "snapshot.ready";

    public override EventCategory Category => EventCategory.Clip;

    // Evidence trail, like clip.ready: never shed by a full outbox.
    public override EventPriority Priority => EventPriority.Critical;

    public override void WriteFields(Utf8JsonWriter json)
    {
        json.WriteString("snapshot", SnapshotId);
        WriteSubject(json, Camera, Door, EventIds);
        json.WriteString("frame_at", WireNames.Timestamp(FrameAt));
        json.WriteNumber("size", SizeBytes);
        json.WriteString("sha256", Sha256);
    }

    /// <summary>What both snapshot events say first: which camera, at which door, for which decisions.</summary>
    internal static void WriteSubject(Utf8JsonWriter json, string camera, string? door, IReadOnlyList<Guid> eventIds)
    {
        json.WriteString("camera", camera);
        if (door is not null)
            json.WriteString("door", door);
        json.WriteStartArray("event_ids");
        foreach (var id in eventIds)
            json.WriteStringValue(id);
        json.WriteEndArray();
    }
}
