namespace Mailroom.Edge.Core.Readers;

/// <summary>What a Wiegand reader sends: cards, biometric user numbers, or keypad keys.</summary>
public enum ReaderKind
{
    /// <summary>Card numbers in one of the reader's card formats.</summary>
    Card,

    /// <summary>A fingerprint or face terminal that sends the matched user's number, framed as a card format. The
    /// number identifies an enrolled template, not a card, so it is published as a distinct credential type.</summary>
    Biometric,

    /// <summary>A keypad sending keys (4-bit, 8-bit or packed 26-bit bursts) for PIN entry.</summary>
    Keypad,
}
