namespace Mailroom.Edge.Core.Readers.Osdp;

/// <summary>
/// One LED record of the LED command (0x69, SIA OSDP v2.2 §6.10): reader, LED number, a temporary setting (control
/// code, on and off times in 100 ms units, on and off colours, duration in 100 ms units) and the permanent one it
/// returns to. Control code 0 leaves a setting alone, 1 cancels (temporary) or sets (permanent), 2 sets (temporary).
/// </summary>
public sealed record OsdpLedCommand(byte Reader, byte Led, OsdpLedSetting Temporary, ushort TemporaryTimer, OsdpLedSetting Permanent)
{
    public const byte Code = 0x69;

    /// <summary>One record is 14 bytes; a command may carry several.</summary>
    public const int RecordLength = 14;

    /// <summary>Every record of a LED command, or null with <paramref name="problem"/> when the data is not whole records.</summary>
    public static IReadOnlyList<OsdpLedCommand>? ParseAll(ReadOnlySpan<byte> data, out string? problem) =>
        OsdpRecords.ParseAll(data, RecordLength, "LED", r => new OsdpLedCommand(r[0], r[1],
            new OsdpLedSetting(r[2], r[3], r[4], (OsdpColor)r[5], (OsdpColor)r[6]), (ushort)(r[7] | (r[8] << 8)),
            new OsdpLedSetting(r[9], r[10], r[11], (OsdpColor)r[12], (OsdpColor)r[13])), out problem);

    public byte[] Encode() =>
    [
        Reader, Led,
        Temporary.Control, Temporary.OnTime, Temporary.OffTime, (byte)Temporary.OnColor, (byte)Temporary.OffColor,
        (byte)TemporaryTimer, (byte)(TemporaryTimer >> 8),
        Permanent.Control, Permanent.OnTime, Permanent.OffTime, (byte)Permanent.OnColor, (byte)Permanent.OffColor,
    ];
}
