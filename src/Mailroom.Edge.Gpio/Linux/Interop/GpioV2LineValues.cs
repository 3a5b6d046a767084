namespace Mailroom.Edge.Gpio.Linux.Interop;

/// <summary>
/// <c>struct gpio_v2_line_values</c> (include/uapi/linux/gpio.h): logical values; bit i is request index i and
/// only bits set in <see cref="Mask"/> are read or written.
/// </summary>
internal struct GpioV2LineValues
{
    public ulong Bits;
    public ulong Mask;
}
