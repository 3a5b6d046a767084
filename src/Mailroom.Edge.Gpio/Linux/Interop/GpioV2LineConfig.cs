namespace Mailroom.Edge.Gpio.Linux.Interop;

/// <summary>
/// <c>struct gpio_v2_line_config</c> (include/uapi/linux/gpio.h). <see cref="Flags"/> apply to every line no
/// <c>GPIO_V2_LINE_ATTR_ID_FLAGS</c> attribute claims; the kernel rejects non-zero padding.
/// </summary>
internal unsafe struct GpioV2LineConfig
{
    public GpioV2LineFlags Flags;
    public uint NumAttrs;
    public fixed uint Padding[5];
    public GpioAttributeArray<GpioV2LineConfigAttribute> Attrs;
}
