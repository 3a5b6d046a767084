using System.Text.Json;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Readers;

namespace Mailroom.Edge.Core.Events;

/// <summary>
/// <c>reader.pin_entry</c>: a PIN entry on a keypad ended — submitted with <c>#</c>, abandoned by the inter-key timeout,
/// or discarded as too long. It carries the digit count only: a PIN is never published or logged.
/// </summary>
public sealed record PinEntryEvent(DateTimeOffset Timestamp, DoorId Door, ReaderId Reader, string Outcome, int Digits)
    : DomainEvent(Timestamp)
{
    public override string Type => "reader.pin_entry";

    public override EventCategory Category => EventCategory.Access;

    public override EventPriority Priority => EventPriority.State;

    public override void WriteFields(Utf8JsonWriter json)
    {
        json.WriteString("door", Door.Value);
        json.WriteString("reader", Reader.Value);
        json.WriteString("outcome", Outcome);
        json.WriteNumber("digits", Digits);
    }
}
