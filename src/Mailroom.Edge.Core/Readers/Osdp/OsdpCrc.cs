namespace Mailroom.Edge.Core.Readers.Osdp;

/// <summary>
/// The OSDP packet CRC (SIA OSDP v2.2, §5.9 and Annex E): CRC-16 with the CCITT polynomial 0x1021, initial value 0x1D0F,
/// no reflection, sent least significant byte first.
/// </summary>
public static class OsdpCrc
{
    private static readonly ushort[] Table = BuildTable();

    public static ushort Compute(ReadOnlySpan<byte> bytes)
    {
        ushort crc = 0x1D0F;
        foreach (var b in bytes)
            crc = (ushort)((crc << 8) ^ Table[((crc >> 8) ^ b) & 0xFF]);
        return crc;
    }

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (var i = 0; i < 256; i++)
        {
            var crc = (ushort)(i << 8);
            for (var bit = 0; bit < 8; bit++)
                crc = (crc & 0x8000) != 0 ? (ushort)((crc << 1) ^ 0x1021) : (ushort)(crc << 1);
            table[i] = crc;
        }
        return table;
    }
}
