using System.Text.Json;
using Mailroom.Edge.Core.Doors;

namespace Mailroom.Edge.Core.Events;

/// <summary>
/// <c>clip.trigger</c> on <c>{root}/event/clip</c>: something asked for a camera clip (an auxiliary input bound to the
/// <c>clip</c> action). The video side subscribes to the dispatcher and records around <see cref="DomainEvent.Timestamp"/>.
/// </summary>
public sealed record ClipTriggerEvent(DateTimeOffset Timestamp, DoorId? Door, string Source) : DomainEvent(Timestamp)
{
    public override string Type => "clip.trigger";

    public override EventCategory Category => EventCategory.Clip;

    public override EventPriority Priority => EventPriority.Critical;

    public override void WriteFields(Utf8JsonWriter json)
    {
        if (Door is { } door)
            json.WriteString("door", door.Value);
        json.WriteString("source", Source);
    }
}
