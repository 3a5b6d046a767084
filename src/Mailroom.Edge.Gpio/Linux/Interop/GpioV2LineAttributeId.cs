namespace Mailroom.Edge.Gpio.Linux.Interop;

/// <summary><c>enum gpio_v2_line_attr_id</c> (include/uapi/linux/gpio.h).</summary>
internal enum GpioV2LineAttributeId : uint
{
    None = 0,
    Flags = 1,
    OutputValues = 2,
    Debounce = 3,
}
