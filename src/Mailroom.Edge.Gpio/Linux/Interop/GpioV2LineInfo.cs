namespace Mailroom.Edge.Gpio.Linux.Interop;

/// <summary>
/// <c>struct gpio_v2_line_info</c> (include/uapi/linux/gpio.h), the argument of <c>GPIO_V2_GET_LINEINFO_IOCTL</c>:
/// the caller sets <see cref="Offset"/> and zeroes the rest.
/// </summary>
internal unsafe struct GpioV2LineInfo
{
    public fixed byte Name[GpioUapi.MaxNameSize];
    public fixed byte Consumer[GpioUapi.MaxNameSize];
    public uint Offset;
    public uint NumAttrs;
    public GpioV2LineFlags Flags;
    public GpioAttributeArray<GpioV2LineAttribute> Attrs;
    public fixed uint Padding[4];
}
