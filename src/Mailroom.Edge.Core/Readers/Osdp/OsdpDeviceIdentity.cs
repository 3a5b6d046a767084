using System.Buffers.Binary;

namespace Mailroom.Edge.Core.Readers.Osdp;

/// <summary>A reader's identification (PDID, reply 0x45, §7.4): vendor code (IEEE OUI), model, version, serial number
/// and firmware version, as <c>osdp scan</c> lists them.</summary>
public sealed record OsdpDeviceIdentity(string Vendor, byte Model, byte Version, uint Serial, string Firmware)
{
    /// <summary>The PDID reply data, the inverse of <see cref="Parse"/>: vendor bytes as written, serial little endian,
    /// firmware as major, minor, build.</summary>
    public byte[] Encode()
    {
        var vendor = Convert.FromHexString(Vendor);
        var firmware = Firmware.Split('.').Select(part => byte.Parse(part, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        if (vendor.Length != 3 || firmware.Length != 3)
            throw new InvalidOperationException($"vendor '{Vendor}' must be 3 hex bytes and firmware '{Firmware}' major.minor.build");
        var data = new byte[12];
        vendor.CopyTo(data, 0);
        (data[3], data[4]) = (Model, Version);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(5), Serial);
        firmware.CopyTo(data, 9);
        return data;
    }

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
