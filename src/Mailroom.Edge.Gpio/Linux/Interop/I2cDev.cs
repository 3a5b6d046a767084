using System.Runtime.InteropServices;

namespace Mailroom.Edge.Gpio.Linux.Interop;

/// <summary>The i2c-dev character device's SMBus interface (linux/i2c-dev.h, linux/i2c.h).</summary>
internal static class I2cDev
{
    /// <summary>Selects the target address for later transfers; EBUSY when a kernel driver has claimed it.</summary>
    public const nuint I2C_SLAVE = 0x0703;

    /// <summary>One SMBus transfer, <see cref="SmbusIoctlData"/>.</summary>
    public const nuint I2C_SMBUS = 0x0720;

    public const byte Write = 0;
    public const byte Read = 1;

    public const uint Byte = 1;
    public const uint ByteData = 2;
    public const uint WordData = 3;
    public const uint I2cBlockData = 8;

    /// <summary>I2C_SMBUS_BLOCK_MAX.</summary>
    public const int BlockMax = 32;
}

/// <summary><c>struct i2c_smbus_ioctl_data</c>: the pointer follows a u32, so it is at offset 8 on 64-bit and 32-bit
/// ABIs alike.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SmbusIoctlData
{
    public byte ReadWrite;
    public byte Command;
    public uint Size;
    public SmbusData* Data;
}

/// <summary><c>union i2c_smbus_data</c>: a byte, a little-endian word, or a block whose first byte is its length.</summary>
[StructLayout(LayoutKind.Sequential, Size = 34)]
internal unsafe struct SmbusData
{
    public fixed byte Block[34];
}
