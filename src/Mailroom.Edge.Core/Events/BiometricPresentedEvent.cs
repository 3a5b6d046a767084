using System.Text.Json;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Readers;

namespace Mailroom.Edge.Core.Events;

/// <summary>
/// <c>reader.biometric_presented</c>: a biometric terminal matched an enrolled user and sent their user number. Published
/// as its own credential type, never as a card; whether it opens the door is for the access rules, which treat it as a
/// separate factor.
/// </summary>
public sealed record BiometricPresentedEvent(DateTimeOffset Timestamp, DoorId Door, ReaderId Reader, BiometricCredential Credential)
    : DomainEvent(Timestamp)
{
    public override string Type => "reader.biometric_presented";

    public override EventCategory Category => EventCategory.Access;

    public override EventPriority Priority => EventPriority.Critical;

    public override void WriteFields(Utf8JsonWriter json)
    {
        json.WriteString("door", Door.Value);
        json.WriteString("reader", Reader.Value);
        json.WriteStartObject("credential");
        json.WriteString("type", "biometric");
        json.WriteString("format", Credential.Format);
        json.WriteNumber("user_number", Credential.UserNumber);
        json.WriteEndObject();
    }
}
