using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Gpio.Linux;
using Mailroom.Edge.Gpio.Simulated;

namespace Mailroom.Edge.Host.Composition;

/// <summary>Opens the chip named in <c>Gpio:Chip</c>: the simulated one, or a kernel chip by path, name or label.</summary>
public static class GpioChips
{
    public const string Simulated = "simulated";

    public static IGpioChip Open(string chip, TimeProvider time)
    {
        if (string.Equals(chip, Simulated, StringComparison.OrdinalIgnoreCase))
            return new SimulatedGpioChip(time);
        return LinuxGpioChip.Open(chip);
    }
}
