using System.Text.Json;

namespace Mailroom.Edge.Core.Events;

/// <summary><c>system.camera_up</c>: a camera's recorder completed a segment after starting or after an outage.</summary>
public sealed record CameraUpEvent(DateTimeOffset Timestamp, string Camera) : DomainEvent(Timestamp)
{
    public override string Type => "system.camera_up";

    public override EventCategory Category => EventCategory.System;

    public override EventPriority Priority => EventPriority.State;

    public override void WriteFields(Utf8JsonWriter json) => json.WriteString("camera", Camera);
}
