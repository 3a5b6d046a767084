using System.Text.Json;

namespace Mailroom.Edge.Core.Events;

/// <summary>
/// <c>clip.held</c>: an operator's signed <c>clip</c> <c>hold</c> put a clip out of retention's reach (an incident
/// needs it). <paramref name="By"/> is the command's issuer (its signing key's name); <paramref name="SizeBytes"/> is
/// what the hold keeps on the device's disk. Published once per hold: holding a held clip changes nothing.
/// </summary>
public sealed record ClipHeldEvent(DateTimeOffset Timestamp, string ClipId, string Camera, string By, string? Reason, long SizeBytes)
    : DomainEvent(Timestamp)
{
    public override string Type => "clip.held";

    public override EventCategory Category => EventCategory.Clip;

    // Evidence trail, like clip.ready and clip.delivered: never shed by a full outbox.
    public override EventPriority Priority => EventPriority.Critical;

    public override void WriteFields(Utf8JsonWriter json) => ClipHoldFields.Write(json, ClipId, Camera, By, Reason, SizeBytes);
}
