namespace Mailroom.Edge.Core.Readers.Osdp;

/// <summary>A reader's refusal (NAK, reply 0x41, §7.3) with its error code, which health counts by code.</summary>
public sealed record OsdpNak(byte Error)
{
    public const byte Code = 0x41;

    // The error codes a reader sends (§7.3, table 44).
    public const byte CheckCharacterError = 1;
    public const byte CommandLengthError = 2;
    public const byte UnknownCommand = 3;
    public const byte UnexpectedSequence = 4;
    public const byte SecurityBlockNotSupported = 5;
    public const byte EncryptedCommunicationRequired = 6;
    public const byte UnableToProcess = 9;

    public string Reason => Error switch
    {
        0 => "no error",
        1 => "message check character error",
        2 => "command length error",
        3 => "unknown command code",
        4 => "unexpected sequence number",
        5 => "security block not supported",
        6 => "encrypted communication required",
        7 => "biometric type not supported",
        8 => "biometric format not supported",
        9 => "unable to process command record",
        _ => $"error code {Error}",
    };

    public static OsdpNak? Parse(ReadOnlySpan<byte> data) => data.Length >= 1 ? new OsdpNak(data[0]) : null;
}
