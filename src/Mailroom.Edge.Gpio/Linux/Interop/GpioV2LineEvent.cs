namespace Mailroom.Edge.Gpio.Linux.Interop;

/// <summary>
/// <c>struct gpio_v2_line_event</c> (include/uapi/linux/gpio.h), what read(2) on a line request returns, whole
/// structs only. <see cref="SeqNo"/> counts across the request from 1, so a gap means the kernel's buffer overflowed.
/// </summary>
internal unsafe struct GpioV2LineEvent
{
    public ulong TimestampNs;
    public uint Id;
    public uint Offset;
    public uint SeqNo;
    public uint LineSeqNo;
    public fixed uint Padding[6];
}
