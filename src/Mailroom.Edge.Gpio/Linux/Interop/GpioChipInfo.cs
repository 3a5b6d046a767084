namespace Mailroom.Edge.Gpio.Linux.Interop;

/// <summary>
/// <c>struct gpiochip_info</c> from
/// <see href="https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/tree/include/uapi/linux/gpio.h">include/uapi/linux/gpio.h</see>.
/// The names are C <c>char[32]</c>: 32 bytes, NUL-terminated.
/// </summary>
internal unsafe struct GpioChipInfo
{
    public fixed byte Name[GpioUapi.MaxNameSize];
    public fixed byte Label[GpioUapi.MaxNameSize];
    public uint Lines;
}
