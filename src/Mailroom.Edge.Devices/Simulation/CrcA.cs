namespace Mailroom.Edge.Devices.Simulation;

/// <summary>ISO/IEC 14443-3 Annex B's CRC_A (CRC-16/ISO-IEC-14443-3-A: reflected 0x1021, preset 0x6363), sent low byte
/// first: what a card checks on SELECT and HLTA, and what the MFRC522's CalcCRC command computes.</summary>
public static class CrcA
{
    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        ushort crc = 0x6363;
        foreach (var b in data)
        {
            var bt = (byte)(b ^ (crc & 0xFF));
            bt ^= (byte)(bt << 4);
            crc = (ushort)((crc >> 8) ^ (bt << 8) ^ (bt << 3) ^ (bt >> 4));
        }
        return crc;
    }

    /// <summary>Whether the frame's last two bytes are the CRC_A of the rest.</summary>
    public static bool Holds(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 3)
            return false;
        var crc = Compute(frame[..^2]);
        return frame[^2] == (byte)crc && frame[^1] == (byte)(crc >> 8);
    }

    public static byte[] Append(ReadOnlySpan<byte> data)
    {
        var crc = Compute(data);
        return [.. data, (byte)crc, (byte)(crc >> 8)];
    }
}
