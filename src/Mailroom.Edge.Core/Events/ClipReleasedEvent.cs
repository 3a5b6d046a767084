using System.Text.Json;

namespace Mailroom.Edge.Core.Events;

/// <summary>
/// <c>clip.released</c>: a signed <c>clip</c> <c>release</c> lifted a clip's hold, so retention's normal rules apply to
/// it again from its next pass. <paramref name="By"/> is the command's issuer; <paramref name="SizeBytes"/> is what the
/// hold no longer keeps. Published once per release: releasing a clip that is not held changes nothing.
/// </summary>
public sealed record ClipReleasedEvent(DateTimeOffset Timestamp, string ClipId, string Camera, string By, string? Reason, long SizeBytes)
    : DomainEvent(Timestamp)
{
    public override string Type => "clip.released";

    public override EventCategory Category => EventCategory.Clip;

    public override EventPriority Priority => EventPriority.Critical;

    public override void WriteFields(Utf8JsonWriter json) => ClipHoldFields.Write(json, ClipId, Camera, By, Reason, SizeBytes);
}
