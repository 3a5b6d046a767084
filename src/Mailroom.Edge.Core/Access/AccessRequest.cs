using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Wiegand;

namespace Mailroom.Edge.Core.Access;

/// <summary>
/// One presentation at a reader: a card, a PIN, a biometric match (the holder the biometric reader matched), or a card
/// and PIN together. A PIN or biometric alone completes a card presented earlier at a reader of the same door facing the
/// same way (<see cref="Direction"/>): the card reader's own keypad, or a keypad or biometric reader beside it.
/// </summary>
public sealed record AccessRequest(ReaderId Reader, DoorId Door, ReaderDirection Direction = ReaderDirection.None)
{
    public CardCredential? Card { get; init; }

    public string? Pin { get; init; }

    public string? BiometricHolder { get; init; }
}
