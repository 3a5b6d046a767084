using System.Text.Json;

namespace Mailroom.Edge.Core.Events;

/// <summary>
/// <c>clip.delivered</c>: the central server acknowledged a clip with its SHA-256 (the signed <c>clip</c> ack) and the
/// hash matched the device's, so the chain of custody from <c>clip.ready</c> is closed. <paramref name="DeliveryTime"/>
/// runs from <c>clip.ready</c> to the acknowledgement, so it includes any time the link was down.
/// </summary>
public sealed record ClipDeliveredEvent(
    DateTimeOffset Timestamp, string ClipId, string Camera, string Sha256, long SizeBytes, TimeSpan DeliveryTime)
    : DomainEvent(Timestamp)
{
    public override string Type => "clip.delivered";

    public override EventCategory Category => EventCategory.Clip;

    // Evidence trail, like clip.ready: never shed by a full outbox.
    public override EventPriority Priority => EventPriority.Critical;

    public override void WriteFields(Utf8JsonWriter json)
    {
        json.WriteString("clip", ClipId);
        json.WriteString("camera", Camera);
        json.WriteString("sha256", Sha256);
        json.WriteNumber("size", SizeBytes);
        json.WriteNumber("delivery_s", Math.Round(DeliveryTime.TotalSeconds, 3));
    }
}
