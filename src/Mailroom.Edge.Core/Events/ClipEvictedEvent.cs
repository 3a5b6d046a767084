using System.Text.Json;

namespace Mailroom.Edge.Core.Events;

/// <summary>
/// <c>clip.evicted</c>: retention deleted a clip (too old, over the quota, or the disk's free-space floor). Clips are
/// never removed silently; <paramref name="Delivered"/> says whether the central server already had it.
/// </summary>
public sealed record ClipEvictedEvent(DateTimeOffset Timestamp, string ClipId, string Camera, string Reason, bool Delivered)
    : DomainEvent(Timestamp)
{
    public override string Type => "clip.evicted";

    public override EventCategory Category => EventCategory.Clip;

    public override EventPriority Priority => EventPriority.State;

    public override void WriteFields(Utf8JsonWriter json)
    {
        json.WriteString("clip", ClipId);
        json.WriteString("camera", Camera);
        json.WriteString("reason", Reason);
        json.WriteBoolean("delivered", Delivered);
    }
}
