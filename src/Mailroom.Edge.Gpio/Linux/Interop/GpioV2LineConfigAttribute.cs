namespace Mailroom.Edge.Gpio.Linux.Interop;

/// <summary>
/// <c>struct gpio_v2_line_config_attribute</c> (include/uapi/linux/gpio.h): an attribute and the mask of request
/// line indices (bit i = <c>offsets[i]</c>, not the line offset) it applies to.
/// </summary>
internal struct GpioV2LineConfigAttribute
{
    public GpioV2LineAttribute Attr;
    public ulong Mask;
}
