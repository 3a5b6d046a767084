using System.Runtime.InteropServices;

namespace Mailroom.Edge.Gpio.Linux.Interop;

/// <summary>
/// <c>struct gpio_v2_line_attribute</c> (include/uapi/linux/gpio.h): 16 bytes, an id, padding, then a union of
/// <c>__aligned_u64 flags</c>, <c>__aligned_u64 values</c> and <c>__u32 debounce_period_us</c> at offset 8.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
internal struct GpioV2LineAttribute
{
    [FieldOffset(0)] public GpioV2LineAttributeId Id;
    [FieldOffset(4)] public uint Padding;
    [FieldOffset(8)] public GpioV2LineFlags Flags;
    [FieldOffset(8)] public ulong Values;
    [FieldOffset(8)] public uint DebouncePeriodUs;
}
