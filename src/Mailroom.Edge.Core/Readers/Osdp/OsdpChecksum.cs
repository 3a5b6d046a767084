namespace Mailroom.Edge.Core.Readers.Osdp;

/// <summary>The OSDP one-byte checksum (SIA OSDP v2.2, §5.8): the two's complement of the sum of every byte before it.</summary>
public static class OsdpChecksum
{
    public static byte Compute(ReadOnlySpan<byte> bytes)
    {
        var sum = 0;
        foreach (var b in bytes)
            sum += b;
        return (byte)(-sum & 0xFF);
    }
}
