using Mailroom.Edge.Core.Readers.Wiegand;

namespace Mailroom.Edge.Core.Readers.Osdp;

/// <summary>
/// A RAW card read (reply 0x50, SIA OSDP v2.2 §7.10): the reader number, the format code (0 unspecified, 1 Wiegand)
/// and the card's bits, first bit in the most significant bit of the first byte — the same bit string a Wiegand reader
/// sends, so it goes through the same card formats.
/// </summary>
public sealed record OsdpCardRead(byte Reader, byte Format, WiegandBits Bits)
{
    /// <summary>The read, or null with <paramref name="problem"/> when the data is short, empty or over 64 bits.</summary>
    public static OsdpCardRead? Parse(ReadOnlySpan<byte> data, out string? problem)
    {
        problem = null;
        if (data.Length < 4)
            return Fail(out problem, $"RAW needs at least 4 bytes, got {data.Length}");
        var bitCount = data[2] | (data[3] << 8);
        if (bitCount is < 1 or > WiegandBits.MaxLength)
            return Fail(out problem, $"RAW of {bitCount} bits: 1 to {WiegandBits.MaxLength} are read");
        var bytes = data[4..];
        if (bytes.Length != (bitCount + 7) / 8)
            return Fail(out problem, $"RAW of {bitCount} bits carries {bytes.Length} bytes, not {(bitCount + 7) / 8}");
        ulong value = 0;
        for (var i = 0; i < bitCount; i++)
            value = (value << 1) | (uint)((bytes[i / 8] >> (7 - i % 8)) & 1);
        return new OsdpCardRead(data[0], data[1], new WiegandBits(value, bitCount));
    }

    /// <summary>The RAW reply data: reader, format, bit count (little endian), the bits first-sent in the most significant
    /// bit of the first byte, the last byte padded with zeros.</summary>
    public byte[] Encode()
    {
        var data = new byte[4 + (Bits.Length + 7) / 8];
        (data[0], data[1], data[2], data[3]) = (Reader, Format, (byte)Bits.Length, (byte)(Bits.Length >> 8));
        for (var i = 0; i < Bits.Length; i++)
        {
            if (Bits[i])
                data[4 + i / 8] |= (byte)(0x80 >> (i % 8));
        }
        return data;
    }

    private static OsdpCardRead? Fail(out string? problem, string text)
    {
        problem = text;
        return null;
    }
}
