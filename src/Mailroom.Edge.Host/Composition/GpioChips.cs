using System.Device.I2c;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Gpio.Expanders;
using Mailroom.Edge.Gpio.Linux;
using Mailroom.Edge.Gpio.Simulated;
using Mailroom.Edge.Host.Configuration;

namespace Mailroom.Edge.Host.Composition;

/// <summary>Opens the chip named in <c>Gpio:Chip</c> (the simulated one, or a kernel chip by path, name or label) and
/// the I/O expanders of <c>Gpio:Expanders</c> on it.</summary>
public static class GpioChips
{
    public const string Simulated = "simulated";

    public static IGpioChip Open(string chip, TimeProvider time)
    {
        if (string.Equals(chip, Simulated, StringComparison.OrdinalIgnoreCase))
            return new SimulatedGpioChip(time);
        return LinuxGpioChip.Open(chip);
    }

    /// <summary>The configured chip with its expanders: on <c>/dev/i2c-N</c> through <see cref="SmbusDevice"/>, or,
    /// with the simulated chip, simulated register files whose INT drives the configured SoC line.</summary>
    public static IGpioChip Open(GpioOptions gpio, TimeProvider time, Action<ExpanderBusException>? busFault = null)
    {
        if (!string.Equals(gpio.Chip, Simulated, StringComparison.OrdinalIgnoreCase))
            return WithExpanders(Open(gpio.Chip, time), gpio, (e, address) => SmbusDevice.Open(e.Bus, address), time, busFault);
        var soc = new SimulatedGpioChip(time);
        return WithExpanders(soc, gpio, (e, address) => SimulatedExpander(soc, e, address), time, busFault);
    }

    private static I2cDevice SimulatedExpander(SimulatedGpioChip soc, ExpanderOptions e, int address)
    {
        var interrupt = e.Interrupt is { Length: > 0 } line ? soc.ResolveLine(line) : (LineOffset?)null;
        if (e.Chip == ExpanderChipKind.Pcf8574)
        {
            var pcf = new SimulatedPcf8574(address);
            if (interrupt is { } pcfInterrupt)
                pcf.WireInterrupt(soc, pcfInterrupt);
            return pcf;
        }
        var mcp = new SimulatedMcp23xxx(e.Chip == ExpanderChipKind.Mcp23008 ? 1 : 2, address);
        if (interrupt is { } mcpInterrupt)
            mcp.WireInterrupt(soc, mcpInterrupt);
        return mcp;
    }

    /// <summary>
    /// Wraps <paramref name="soc"/> with the configured expanders, opened through <paramref name="openDevice"/> (given
    /// the expander's settings and its parsed address); the SoC
    /// chip itself when there are none. If an expander does not answer, everything opened so far is closed and the
    /// error (naming the expander) is thrown.
    /// </summary>
    public static IGpioChip WithExpanders(IGpioChip soc, GpioOptions gpio, Func<ExpanderOptions, int, I2cDevice> openDevice, TimeProvider time,
        Action<ExpanderBusException>? busFault = null)
    {
        if (gpio.Expanders.Count == 0)
            return soc;
        var expanders = new List<ExpanderChip>();
        try
        {
            foreach (var (name, e) in gpio.Expanders)
            {
                var address = ExpanderConfiguration.ParseAddress(e.Address)
                    ?? throw new ConfigurationException($"Gpio:Expanders:{name}:Address: '{e.Address}' is not a 7-bit I2C address such as 0x20");
                var kind = e.Chip ?? throw new ConfigurationException($"Gpio:Expanders:{name}:Chip: is missing; set Mcp23017, Mcp23008 or Pcf8574");
                var interrupt = e.Interrupt is { Length: > 0 } line ? new ExpanderInterrupt(soc, soc.ResolveLine(line)) : null;
                var expander = ExpanderChip.Open(name, $"at 0x{address:X2} on /dev/i2c-{e.Bus}", kind, openDevice(e, address), soc, interrupt, time);
                if (busFault is not null)
                    expander.BusFault += busFault;
                expanders.Add(expander);
            }
            return new GpioChipWithExpanders(soc, expanders);
        }
        catch
        {
            expanders.ForEach(x => x.Dispose());
            soc.Dispose();
            throw;
        }
    }
}
