namespace Mailroom.Edge.KernelLane.Tests.Expanders;

/// <summary>
/// The kernel's i2c-stub adapter (drivers/i2c/i2c-stub.c), loaded by guest-init.sh with <c>chip_addr=0x20</c>: an SMBus
/// adapter with one chip at 0x20 whose 256 byte registers start at zero, reached as <c>/dev/i2c-N</c> through i2c-dev.
/// Word transfers read and write two consecutive registers, low byte first, as an MCP23017 in BANK=0 does.
/// </summary>
internal static class I2cStub
{
    public const int Address = 0x20;

    /// <summary>The bus number of the stub adapter (its sysfs name is "SMBus stub driver").</summary>
    public static int Bus()
    {
        foreach (var adapter in Directory.EnumerateDirectories("/sys/bus/i2c/devices", "i2c-*"))
        {
            var name = Path.Combine(adapter, "name");
            if (File.Exists(name) && File.ReadAllText(name).Trim() == "SMBus stub driver")
                return int.Parse(Path.GetFileName(adapter)["i2c-".Length..], System.Globalization.CultureInfo.InvariantCulture);
        }
        throw new InvalidOperationException("no i2c-stub adapter in /sys/bus/i2c/devices: guest-init.sh loads i2c-stub.ko chip_addr=0x20");
    }
}
