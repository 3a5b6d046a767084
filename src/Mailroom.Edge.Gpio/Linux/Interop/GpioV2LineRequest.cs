namespace Mailroom.Edge.Gpio.Linux.Interop;

/// <summary>
/// <c>struct gpio_v2_line_request</c> (include/uapi/linux/gpio.h), the argument of <c>GPIO_V2_GET_LINE_IOCTL</c>.
/// The kernel fills <see cref="Fd"/> with the new line-request descriptor.
/// </summary>
internal unsafe struct GpioV2LineRequest
{
    public fixed uint Offsets[GpioUapi.LinesMax];
    public fixed byte Consumer[GpioUapi.MaxNameSize];
    public GpioV2LineConfig Config;
    public uint NumLines;
    public uint EventBufferSize;
    public fixed uint Padding[5];
    public int Fd;
}
