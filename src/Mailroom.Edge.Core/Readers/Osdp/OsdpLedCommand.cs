namespace Mailroom.Edge.Core.Readers.Osdp;

/// <summary>
/// One LED record of the LED command (0x69, SIA OSDP v2.2 §6.10): reader, LED number, a temporary setting (control
/// code, on and off times in 100 ms units, on and off colours, duration in 100 ms units) and the permanent one it
/// returns to. Control code 0 leaves a setting alone, 1 cancels (temporary) or sets (permanent), 2 sets (temporary).
/// </summary>
public sealed record OsdpLedCommand(byte Reader, byte Led, OsdpLedSetting Temporary, ushort TemporaryTimer, OsdpLedSetting Permanent)
{
    public const byte Code = 0x69;

    public byte[] Encode() =>
    [
        Reader, Led,
        Temporary.Control, Temporary.OnTime, Temporary.OffTime, (byte)Temporary.OnColor, (byte)Temporary.OffColor,
        (byte)TemporaryTimer, (byte)(TemporaryTimer >> 8),
        Permanent.Control, Permanent.OnTime, Permanent.OffTime, (byte)Permanent.OnColor, (byte)Permanent.OffColor,
    ];
}
