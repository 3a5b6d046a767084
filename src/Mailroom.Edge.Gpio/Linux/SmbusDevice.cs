using System.Device.I2c;
using System.Runtime.InteropServices;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Gpio.Linux.Interop;

namespace Mailroom.Edge.Gpio.Linux;

/// <summary>
/// An <see cref="I2cDevice"/> on <c>/dev/i2c-N</c> that speaks SMBus commands (the <c>I2C_SMBUS</c> ioctl) instead of raw
/// I2C messages: write of 1/2/3 bytes = send byte / write byte data / write word data, a register read of 1/2 bytes =
/// read byte data / read word data, a bare read = receive byte. That is every transfer the expanders use, and it works
/// on adapters that only do SMBus, such as the kernel's <c>i2c-stub</c> (which the kernel lane tests against), as well as
/// on the Pi's I2C controller. (<see cref="I2cDevice.Create"/>'s device uses read/write and I2C_RDWR, which need a full
/// I2C adapter.) Errors are <see cref="IOException"/>s with errno and a hint, as <see cref="I2cDevice"/> users expect.
/// </summary>
public sealed unsafe class SmbusDevice : I2cDevice
{
    private readonly SafeFdHandle _fd;
    private readonly string _path;

    private SmbusDevice(SafeFdHandle fd, string path, I2cConnectionSettings settings)
    {
        _fd = fd;
        _path = path;
        ConnectionSettings = settings;
    }

    public override I2cConnectionSettings ConnectionSettings { get; }

    /// <summary>Opens <c>/dev/i2c-{bus}</c> and selects the address.</summary>
    /// <exception cref="GpioException">The bus does not exist, may not be opened, or a kernel driver holds the address.</exception>
    public static SmbusDevice Open(int bus, int address, string devDirectory = "/dev")
    {
        var path = Path.Combine(devDirectory, $"i2c-{bus}");
        var raw = Libc.Open(path, Libc.O_RDWR | Libc.O_CLOEXEC);
        if (raw < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw errno switch
            {
                Errno.ENOENT or Errno.ENODEV or Errno.ENXIO => new GpioChipNotFoundException(
                    $"{path} does not exist: enable the I2C bus (dtparam=i2c_arm=on in config.txt for bus 1) and load i2c-dev (echo i2c-dev > /etc/modules-load.d/i2c.conf)"),
                Errno.EACCES or Errno.EPERM => new GpioAccessDeniedException(
                    $"Permission denied opening {path}: add the service user to the 'i2c' group (SupplementaryGroups=i2c in the systemd unit)"),
                _ => new GpioException($"Cannot open {path}: {GpioErrors.Describe(errno)}."),
            };
        }
        var fd = new SafeFdHandle(raw, ownsHandle: true);
        if (Libc.Ioctl(fd, I2cDev.I2C_SLAVE, (void*)(nint)address) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            fd.Dispose();
            throw errno == Errno.EBUSY
                ? new GpioLineBusyException($"address 0x{address:X2} on {path} is held by a kernel driver (a device-tree overlay such as mcp23017 or pcf857x): remove the overlay, the agent drives the chip itself")
                : new GpioException($"selecting address 0x{address:X2} on {path} failed: {GpioErrors.Describe(errno)}.");
        }
        return new SmbusDevice(fd, path, new I2cConnectionSettings(bus, address));
    }

    public override void WriteByte(byte value) => Transfer(I2cDev.Write, value, I2cDev.Byte, null);

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var data = default(SmbusData);
        switch (buffer.Length)
        {
            case 0:
                throw new ArgumentException("an SMBus write has at least one byte", nameof(buffer));
            case 1:
                WriteByte(buffer[0]);
                return;
            case 2:
                data.Block[0] = buffer[1];
                Transfer(I2cDev.Write, buffer[0], I2cDev.ByteData, &data);
                return;
            case 3:
                data.Block[0] = buffer[1];
                data.Block[1] = buffer[2];
                Transfer(I2cDev.Write, buffer[0], I2cDev.WordData, &data);
                return;
            default:
                var payload = buffer[1..];
                if (payload.Length > I2cDev.BlockMax)
                    throw new ArgumentException($"an SMBus block holds at most {I2cDev.BlockMax} bytes", nameof(buffer));
                data.Block[0] = (byte)payload.Length;
                for (var i = 0; i < payload.Length; i++)
                    data.Block[i + 1] = payload[i];
                Transfer(I2cDev.Write, buffer[0], I2cDev.I2cBlockData, &data);
                return;
        }
    }

    public override byte ReadByte()
    {
        var data = default(SmbusData);
        Transfer(I2cDev.Read, 0, I2cDev.Byte, &data);
        return data.Block[0];
    }

    public override void Read(Span<byte> buffer)
    {
        if (buffer.Length != 1)
            throw new NotSupportedException("SMBus reads without a register are one byte (receive byte); use WriteRead with the register");
        buffer[0] = ReadByte();
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        if (writeBuffer.Length != 1)
            throw new NotSupportedException("an SMBus register read writes exactly one byte: the register");
        var data = default(SmbusData);
        switch (readBuffer.Length)
        {
            case 1:
                Transfer(I2cDev.Read, writeBuffer[0], I2cDev.ByteData, &data);
                readBuffer[0] = data.Block[0];
                return;
            case 2:
                Transfer(I2cDev.Read, writeBuffer[0], I2cDev.WordData, &data);
                readBuffer[0] = data.Block[0];
                readBuffer[1] = data.Block[1];
                return;
            default:
                if (readBuffer.Length > I2cDev.BlockMax)
                    throw new ArgumentException($"an SMBus block holds at most {I2cDev.BlockMax} bytes", nameof(readBuffer));
                data.Block[0] = (byte)readBuffer.Length;
                Transfer(I2cDev.Read, writeBuffer[0], I2cDev.I2cBlockData, &data);
                for (var i = 0; i < readBuffer.Length; i++)
                    readBuffer[i] = data.Block[i + 1];
                return;
        }
    }

    private void Transfer(byte readWrite, byte command, uint size, SmbusData* data)
    {
        var request = new SmbusIoctlData { ReadWrite = readWrite, Command = command, Size = size, Data = data };
        if (Libc.Ioctl(_fd, I2cDev.I2C_SMBUS, &request) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"SMBus {(readWrite == I2cDev.Read ? "read" : "write")} at 0x{command:X2} to 0x{ConnectionSettings.DeviceAddress:X2} on {_path}: {GpioErrors.Describe(errno)}");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _fd.Dispose();
        base.Dispose(disposing);
    }
}
