using System.Text.Json;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Readers;

namespace Mailroom.Edge.Core.Events;

/// <summary>
/// <c>reader.frame_rejected</c>: a reader sent a frame that is not a credential (bad parity, a length no accepted
/// format has, a broken pulse train). No door moves; the installer sees why.
/// </summary>
public sealed record FrameRejectedEvent(
    DateTimeOffset Timestamp, DoorId Door, ReaderId Reader, int BitCount, string? RawBits, string Problem)
    : DomainEvent(Timestamp), IDoorEvent
{
    public override string Type => "reader.frame_rejected";

    public override EventCategory Category => EventCategory.Access;

    public override EventPriority Priority => EventPriority.State;

    public override void WriteFields(Utf8JsonWriter json)
    {
        json.WriteString("door", Door.Value);
        json.WriteString("reader", Reader.Value);
        json.WriteNumber("bits", BitCount);
        if (RawBits is not null)
            json.WriteString("raw", RawBits);
        json.WriteString("problem", Problem);
    }
}
