namespace Mailroom.Edge.Core.Readers.Osdp;

/// <summary>The buzzer command (0x6A, §6.11): reader, tone (0 off, 1 default/off, 2 default tone), on and off times in
/// 100 ms units, and how many times (0: until told otherwise).</summary>
public sealed record OsdpBuzzerCommand(byte Reader, byte Tone, byte OnTime, byte OffTime, byte Count)
{
    public const byte Code = 0x6A;

    public byte[] Encode() => [Reader, Tone, OnTime, OffTime, Count];

    public static OsdpBuzzerCommand? Parse(ReadOnlySpan<byte> data, out string? problem)
    {
        problem = data.Length == 5 ? null : $"BUZ data has 5 bytes, got {data.Length}";
        return problem is null ? new OsdpBuzzerCommand(data[0], data[1], data[2], data[3], data[4]) : null;
    }
}
