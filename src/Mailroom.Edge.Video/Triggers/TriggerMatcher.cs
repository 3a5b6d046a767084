using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Video.Triggers;

/// <summary>
/// Decides whether an event asks a camera for a clip: its type must match one of the camera's triggers (exact, or a
/// prefix ending in <c>*</c> such as <c>alarm.*</c>), and an event at a door must be at a door the camera covers (a
/// camera listing no doors covers all). Events of the recorder itself (<c>clip.ready</c>, <c>clip.missing</c>,
/// <c>clip.delivered</c>, <c>clip.evicted</c>, <c>clip.held</c>, <c>clip.released</c>, <c>snapshot.*</c>, camera up/down) never trigger; <c>clip.trigger</c> does.
/// </summary>
public static class TriggerMatcher
{
    public static bool Matches(CameraSettings camera, DomainEvent domainEvent) =>
        !IsRecordersOwn(domainEvent)
        && camera.Triggers.Any(pattern => TypeMatches(pattern, domainEvent.Type))
        && Covers(camera, domainEvent);

    /// <summary>Whether the event is the video side's own report, which must never ask for more video.</summary>
    public static bool IsRecordersOwn(DomainEvent domainEvent) =>
        domainEvent is ClipReadyEvent or ClipDeliveredEvent or ClipEvictedEvent or ClipMissingEvent or ClipHeldEvent or ClipReleasedEvent
            or SnapshotReadyEvent or SnapshotMissingEvent or CameraDownEvent or CameraUpEvent;

    /// <summary>Whether the camera sees where the event happened: any event not at a door, or one at a door it covers (no doors listed: all).</summary>
    public static bool Covers(CameraSettings camera, DomainEvent domainEvent) =>
        domainEvent is not IDoorEvent atDoor
        || camera.Doors.Count == 0
        || camera.Doors.Contains(atDoor.Door.Value, StringComparer.Ordinal);

    public static bool TypeMatches(string pattern, string type) =>
        pattern.EndsWith('*')
            ? type.StartsWith(pattern[..^1], StringComparison.Ordinal)
            : string.Equals(pattern, type, StringComparison.Ordinal);
}
