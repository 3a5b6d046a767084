namespace Mailroom.Edge.Core.Readers.Osdp;

/// <summary>Command codes (panel to reader) and reply codes (reader to panel) of SIA OSDP v2.2, §6 and §7, with the
/// names the specification and <c>osdp watch</c> use.</summary>
public static class OsdpCodes
{
    // Commands without a record type of their own.
    public const byte Poll = 0x60;
    public const byte Id = 0x61;
    public const byte Capabilities = 0x62;
    public const byte LocalStatus = 0x64;
    public const byte KeySet = 0x75;
    public const byte Challenge = 0x76;
    public const byte ServerCryptogram = 0x77;

    // Replies without a record type of their own.
    public const byte Ack = 0x40;
    public const byte DeviceIdentity = 0x45;
    public const byte DeviceCapabilities = 0x46;
    public const byte LocalStatusReport = 0x48;
    public const byte RawCardRead = 0x50;
    public const byte KeypadData = 0x53;
    public const byte ClientCryptogram = 0x76;
    public const byte InitialRMac = 0x78;

    private static readonly Dictionary<byte, string> Commands = new()
    {
        [0x60] = "POLL", [0x61] = "ID", [0x62] = "CAP", [0x64] = "LSTAT", [0x65] = "ISTAT", [0x66] = "OSTAT", [0x67] = "RSTAT",
        [0x68] = "OUT", [0x69] = "LED", [0x6A] = "BUZ", [0x6B] = "TEXT", [0x6E] = "COMSET", [0x73] = "BIOREAD",
        [0x74] = "BIOMATCH", [0x75] = "KEYSET", [0x76] = "CHLNG", [0x77] = "SCRYPT", [0x7B] = "ACURXSIZE",
        [0x7C] = "FILETRANSFER", [0x80] = "MFG", [0xA1] = "XWR", [0xA2] = "ABORT", [0xA3] = "PIVDATA", [0xA4] = "GENAUTH",
        [0xA5] = "CRAUTH", [0xA7] = "KEEPACTIVE",
    };

    private static readonly Dictionary<byte, string> Replies = new()
    {
        [0x40] = "ACK", [0x41] = "NAK", [0x45] = "PDID", [0x46] = "PDCAP", [0x48] = "LSTATR", [0x49] = "ISTATR",
        [0x4A] = "OSTATR", [0x4B] = "RSTATR", [0x50] = "RAW", [0x51] = "FMT", [0x53] = "KEYPAD", [0x54] = "COM",
        [0x57] = "BIOREADR", [0x58] = "BIOMATCHR", [0x76] = "CCRYPT", [0x77] = "BUSY", [0x78] = "RMAC_I", [0x7A] = "FTSTAT",
        [0x80] = "PIVDATAR", [0x81] = "GENAUTHR", [0x82] = "CRAUTHR", [0x83] = "MFGSTATR", [0x84] = "MFGERRR",
        [0x90] = "MFGREP", [0xB1] = "XRD",
    };

    /// <summary>The code's name, or its hex value when it is not one the specification defines.</summary>
    public static string Name(byte code, bool isReply) =>
        (isReply ? Replies : Commands).TryGetValue(code, out var name) ? name : $"0x{code:X2}";
}
