namespace Mailroom.Edge.Core.Readers.Nfc;

/// <summary>
/// The port through which an NFC reader's loop reaches its chip (a PN532, PN5180 or MFRC522 on UART, I2C or SPI in
/// production; a register-level simulation in tests and the demo). Called from the reader's own thread only.
/// </summary>
public interface INfcChip : IDisposable
{
    /// <summary>What the chip said about itself when it was opened (model, firmware), for logs and health.</summary>
    string Identity { get; }

    /// <summary>Looks once for an ISO/IEC 14443-A card in the field: its UID as the chip reported it, or null when no
    /// card answered.</summary>
    /// <exception cref="NfcChipException">The chip did not answer, or answered something no chip sends.</exception>
    NfcDetection? Detect();
}

/// <summary>A card that answered: its UID, and the ATQA and SAK it gave in anticollision (what kind of card it is).</summary>
public sealed record NfcDetection(CardUid Uid, ushort Atqa, byte Sak);

/// <summary>The chip (not a card) failed: no answer, a bus error, a reply no chip sends.</summary>
public sealed class NfcChipException : Exception
{
    public NfcChipException(string message) : base(message)
    {
    }

    public NfcChipException(string message, Exception inner) : base(message, inner)
    {
    }
}
