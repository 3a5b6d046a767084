using Mailroom.Edge.Gpio.Linux.Interop;

namespace Mailroom.Edge.Gpio.Tests.Linux;

/// <summary>
/// Reads a built <c>gpio_v2_line_config</c> the way drivers/gpio/gpiolib-cdev.c does: for each request index the
/// first attribute of a kind whose mask has that bit wins; flags fall back to the config's default flags.
/// </summary>
internal static class KernelLineConfig
{
    public static GpioV2LineFlags Flags(GpioV2LineConfig config, int index) =>
        Find(config, GpioV2LineAttributeId.Flags, index)?.Flags ?? config.Flags;

    public static uint DebounceUs(GpioV2LineConfig config, int index) =>
        Find(config, GpioV2LineAttributeId.Debounce, index)?.DebouncePeriodUs ?? 0;

    public static bool? OutputValue(GpioV2LineConfig config, int index) =>
        Find(config, GpioV2LineAttributeId.OutputValues, index) is { } attr ? (attr.Values & (1UL << index)) != 0 : null;

    private static GpioV2LineAttribute? Find(GpioV2LineConfig config, GpioV2LineAttributeId id, int index)
    {
        for (int i = 0; i < config.NumAttrs; i++)
        {
            var attr = config.Attrs[i];
            if (attr.Attr.Id == id && (attr.Mask & (1UL << index)) != 0) return attr.Attr;
        }

        return null;
    }
}
