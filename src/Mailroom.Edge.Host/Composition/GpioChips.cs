using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Gpio.Simulated;

namespace Mailroom.Edge.Host.Composition;

/// <summary>Opens the chip named in <c>Gpio:Chip</c>.</summary>
public static class GpioChips
{
    public const string Simulated = "simulated";

    public static IGpioChip Open(string chip, TimeProvider time)
    {
        if (string.Equals(chip, Simulated, StringComparison.OrdinalIgnoreCase))
            return new SimulatedGpioChip(time);
        throw new GpioException($"Gpio:Chip: '{chip}': the Linux GPIO character-device driver is not part of this build yet; use 'simulated'");
    }
}
