namespace Mailroom.Edge.Core.Readers.Osdp;

/// <summary>One record of the output command (0x68, SIA OSDP v2.2 §6.9): output number, control code (1 off, 2 on
/// permanently, 5 on for <see cref="Timer"/>, …) and the timer in 100 ms units.</summary>
public sealed record OsdpOutputCommand(byte Output, byte Control, ushort Timer)
{
    public const byte Code = 0x68;

    public const int RecordLength = 4;

    public byte[] Encode() => [Output, Control, (byte)Timer, (byte)(Timer >> 8)];

    /// <summary>Every record of an OUT command, or null with <paramref name="problem"/> when the data is not whole records.</summary>
    public static IReadOnlyList<OsdpOutputCommand>? ParseAll(ReadOnlySpan<byte> data, out string? problem) =>
        OsdpRecords.ParseAll(data, RecordLength, "OUT", r => new OsdpOutputCommand(r[0], r[1], (ushort)(r[2] | (r[3] << 8))), out problem);
}
