namespace Mailroom.Edge.Core.Readers;

/// <summary>What a reader is: a Wiegand reader of cards, biometric user numbers or keypad keys, an OSDP reader, an NFC
/// reader chip, or a matrix keypad wired straight to GPIO.</summary>
public enum ReaderKind
{
    /// <summary>Card numbers in one of the reader's card formats.</summary>
    Card,

    /// <summary>A fingerprint or face terminal that sends the matched user's number, framed as a card format. The
    /// number identifies an enrolled template, not a card, so it is published as a distinct credential type.</summary>
    Biometric,

    /// <summary>A keypad sending keys (4-bit, 8-bit or packed 26-bit bursts) for PIN entry.</summary>
    Keypad,

    /// <summary>An OSDP reader on RS-485: card reads (RAW, the same Wiegand bit string, through the reader's formats)
    /// and keypad keys (PIN entry) from one device, its LED and buzzer driven by commands on the bus.</summary>
    Osdp,

    /// <summary>An NFC reader chip (PN532, MFRC522) wired to the device itself: a card's UID, through the reader's
    /// formats (<c>Uid</c> by default); LED and beeper on the reader's own feedback lines.</summary>
    Nfc,

    /// <summary>A bare matrix keypad (rows and columns of switches) wired straight to GPIO lines and scanned by the
    /// agent; its keys go to PIN entry.</summary>
    MatrixKeypad,
}
