using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Video.Triggers;

/// <summary>
/// Decides whether an event asks a camera for a clip: its type must match one of the camera's triggers (exact, or a
/// prefix ending in <c>*</c> such as <c>alarm.*</c>), and an event at a door must be at a door the camera covers (a
/// camera listing no doors covers all). Events of the recorder itself (<c>clip.*</c>, camera up/down) never trigger.
/// </summary>
public static class TriggerMatcher
{
    public static bool Matches(CameraSettings camera, DomainEvent domainEvent)
    {
        if (domainEvent is ClipReadyEvent or ClipDeliveredEvent or ClipEvictedEvent or ClipMissingEvent or ClipHeldEvent or ClipReleasedEvent
            or CameraDownEvent or CameraUpEvent)
            return false;
        if (!camera.Triggers.Any(pattern => TypeMatches(pattern, domainEvent.Type)))
            return false;
        return domainEvent is not IDoorEvent atDoor
            || camera.Doors.Count == 0
            || camera.Doors.Contains(atDoor.Door.Value, StringComparer.Ordinal);
    }

    public static bool TypeMatches(string pattern, string type) =>
        pattern.EndsWith('*')
            ? type.StartsWith(pattern[..^1], StringComparison.Ordinal)
            : string.Equals(pattern, type, StringComparison.Ordinal);
}
