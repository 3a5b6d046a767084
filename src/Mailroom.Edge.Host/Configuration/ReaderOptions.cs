using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Osdp.Panel;
using Mailroom.Edge.Devices.Nfc;

namespace Mailroom.Edge.Host.Configuration;

/// <summary>A reader: the door it opens, how it is connected (Wiegand data lines, an OSDP bus and address, or an NFC
/// chip on UART/I2C/SPI), what it sends, and the card formats it accepts, in order.</summary>
public sealed class ReaderOptions
{
    public string Door { get; set; } = "";

    /// <summary>DATA0 line (green wire on most readers).</summary>
    public string D0 { get; set; } = "";

    /// <summary>DATA1 line (white wire on most readers).</summary>
    public string D1 { get; set; } = "";

    /// <summary><c>Card</c> (default), <c>Biometric</c> (user numbers framed as a card format), <c>Keypad</c>,
    /// <c>Osdp</c> (an OSDP reader on <see cref="Port"/>), <c>Nfc</c> (a <see cref="Chip"/> on <see cref="Bus"/>), or
    /// <c>MatrixKeypad</c> (a bare keypad on <see cref="Rows"/> and <see cref="Columns"/>).</summary>
    public ReaderKind Kind { get; set; } = ReaderKind.Card;

    /// <summary>OSDP: the RS-485 serial device (<c>/dev/ttyUSB0</c>, <c>/dev/ttyAMA0</c>). Readers on one port share
    /// its bus and its poll loop (multi-drop).</summary>
    public string Port { get; set; } = "";

    /// <summary>OSDP: the bus speed, the same for every reader on the port.</summary>
    public int Baud { get; set; } = 9600;

    /// <summary>OSDP: the reader's address on its bus, 0–126.</summary>
    public int Address { get; set; }

    /// <summary>OSDP: <c>SecureChannel</c> (default, no fallback) or <c>None</c> (plaintext; <c>config check</c> warns).</summary>
    public OsdpSecurity Security { get; set; } = OsdpSecurity.SecureChannel;

    /// <summary>OSDP: the name of the reader's Secure Channel key in the key file (never the key itself); empty means
    /// the reader's own name.</summary>
    public string Key { get; set; } = "";

    /// <summary>NFC: the reader chip, <c>Pn532</c> or <c>Mfrc522</c>.</summary>
    public NfcChipModel? Chip { get; set; }

    /// <summary>NFC: where the chip is, <c>Uart:/dev/ttyS0</c>, <c>I2c:1:0x24</c> or <c>Spi:0.0</c>.</summary>
    public string Bus { get; set; } = "";

    /// <summary>NFC: the GPIO line wired to the chip's reset pin (MFRC522 NRSTPD), pulsed at each (re)open; optional.</summary>
    public string? ResetLine { get; set; }

    /// <summary>MatrixKeypad: the row lines, top row first, driven low one at a time while the columns are read.</summary>
    /// <remarks>Lists start empty on purpose (the binder appends to a list it finds).</remarks>
    public List<string> Rows { get; set; } = [];

    /// <summary>MatrixKeypad: the column lines, left column first, read with the chip's pull-ups.</summary>
    public List<string> Columns { get; set; } = [];

    /// <summary>MatrixKeypad: the labels of the keys row by row (<c>"123A456B789C*0#D"</c>); empty means the usual layout
    /// of a 4×3 or 4×4 pad.</summary>
    public string Keys { get; set; } = "";

    /// <summary>MatrixKeypad: how often the whole matrix is scanned.</summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>MatrixKeypad: how long a reading must stay the same before it counts (contact bounce).</summary>
    public TimeSpan KeyDebounce { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Whether the reader takes keys for PIN entry: a Wiegand keypad, an OSDP reader (its keypad, if any), or a
    /// matrix keypad.</summary>
    public bool TakesKeys => Kind is ReaderKind.Keypad or ReaderKind.Osdp or ReaderKind.MatrixKeypad;

    /// <summary>The name of the reader's key in the key file.</summary>
    public string KeyName(string reader) => Key.Length > 0 ? Key : reader;

    /// <summary>Accepted formats, shipped or from the <c>CardFormats</c> section; an ambiguous frame resolves by this
    /// order. Empty means <see cref="DefaultFormat"/> (<c>Uid</c> for an NFC reader). Unused by a keypad.</summary>
    /// <remarks>Starts empty on purpose: the configuration binder appends to a list it finds, so a default entry here
    /// would silently precede every configured list and take over ambiguous frames.</remarks>
    public List<string> Formats { get; set; } = [];

    public const string DefaultFormat = "H10301";

    /// <summary>The formats in force: <see cref="Formats"/>, or <see cref="DefaultFormat"/> when none is listed.</summary>
    public IReadOnlyList<string> EffectiveFormats => Formats.Count > 0 ? Formats : [Kind == ReaderKind.Nfc ? "Uid" : DefaultFormat];

    /// <summary>Whether the reader is wired with Wiegand DATA0/DATA1 lines.</summary>
    public bool HasDataLines => Kind is not (ReaderKind.Osdp or ReaderKind.Nfc or ReaderKind.MatrixKeypad);

    /// <summary>A keypad's PIN entry is abandoned after this pause between keys.</summary>
    public TimeSpan PinTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public int PinMaxDigits { get; set; } = 12;

    public ReaderFeedbackOptions Feedback { get; set; } = new();

    /// <summary>Entry or exit, for anti-passback; <c>None</c> when the reader takes no part in it.</summary>
    public Mailroom.Edge.Core.Access.ReaderDirection Direction { get; set; } = Mailroom.Edge.Core.Access.ReaderDirection.None;
}
