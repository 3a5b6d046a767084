namespace Mailroom.Edge.KernelLane.Tests.Expanders;

/// <summary>
/// The kernel's i2c-stub adapter (drivers/i2c/i2c-stub.c), loaded by guest-init.sh with <c>chip_addr=0x20</c>: an SMBus
/// adapter with one chip at 0x20, reached as <c>/dev/i2c-N</c> through i2c-dev. It keeps one 16-bit word per register
/// address, all zero at load (a byte transfer touches the word's low byte), so it is not an MCP23017: a word written at
/// port A's address is not readable as two byte registers. The agent transfers each MCP23017 register pair as one word
/// at port A's address, so the tests read the pair back as that word, which is exactly what went over the bus.
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
