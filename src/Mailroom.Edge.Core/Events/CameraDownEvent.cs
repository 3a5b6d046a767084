using System.Text.Json;

namespace Mailroom.Edge.Core.Events;

/// <summary>
/// <c>system.camera_down</c>: a camera's recorder stopped producing video (the stream ended, timed out or stalled).
/// Reported once per outage; clips for events during it are shorter or missing. <paramref name="Problem"/> never
/// holds the camera's credentials.
/// </summary>
public sealed record CameraDownEvent(DateTimeOffset Timestamp, string Camera, string Problem) : DomainEvent(Timestamp)
{
    public override string Type => "system.camera_down";

    public override EventCategory Category => EventCategory.System;

    public override EventPriority Priority => EventPriority.State;

    public override void WriteFields(Utf8JsonWriter json)
    {
        json.WriteString("camera", Camera);
        json.WriteString("problem", Problem);
    }
}
