using System.Buffers.Binary;

namespace Mailroom.Edge.Core.Readers.Osdp;

/// <summary>A reader's identification (PDID, reply 0x45, §7.4): vendor code (IEEE OUI), model, version, serial number
/// and firmware version, as <c>osdp scan</c> lists them.</summary>
public sealed record OsdpDeviceIdentity(string Vendor, byte Model, byte Version, uint Serial, string Firmware)
{
    public static OsdpDeviceIdentity? Parse(ReadOnlySpan<byte> data, out string? problem)
    {
        problem = null;
        if (data.Length != 12)
        {
            problem = $"PDID has 12 bytes, got {data.Length}";
            return null;
        }
        return new OsdpDeviceIdentity(Convert.ToHexString(data[..3]), data[3], data[4], BinaryPrimitives.ReadUInt32LittleEndian(data[5..]),
            $"{data[9]}.{data[10]}.{data[11]}");
    }
}
