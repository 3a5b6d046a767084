using System.Runtime.CompilerServices;

namespace Mailroom.Edge.Gpio.Linux.Interop;

/// <summary>
/// Limits, event ids and ioctl request numbers of include/uapi/linux/gpio.h. The numbers are computed the way the
/// asm-generic <c>_IOR</c>/<c>_IOWR</c> macros do (arm, arm64 and x86 all use asm-generic/ioctl.h) from the managed
/// struct sizes, so a layout mistake shows up as a wrong ioctl number in the header test too.
/// </summary>
internal static class GpioUapi
{
    public const int MaxNameSize = 32;
    public const int LinesMax = 64;
    public const int NumAttrsMax = 10;

    public const uint EventRisingEdge = 1;
    public const uint EventFallingEdge = 2;

    /// <summary>The kernel caps event_buffer_size at GPIO_V2_LINES_MAX * 16 (drivers/gpio/gpiolib-cdev.c).</summary>
    public const int MaxEventBufferSize = LinesMax * 16;

    private const uint IocWrite = 1;
    private const uint IocRead = 2;
    private const uint GpioIoctlType = 0xB4;

    public static readonly nuint GetChipInfo = Ioc(IocRead, 0x01, Unsafe.SizeOf<GpioChipInfo>());
    public static readonly nuint V2GetLineInfo = Ioc(IocRead | IocWrite, 0x05, Unsafe.SizeOf<GpioV2LineInfo>());
    public static readonly nuint V2GetLine = Ioc(IocRead | IocWrite, 0x07, Unsafe.SizeOf<GpioV2LineRequest>());
    public static readonly nuint V2LineSetConfig = Ioc(IocRead | IocWrite, 0x0D, Unsafe.SizeOf<GpioV2LineConfig>());
    public static readonly nuint V2LineGetValues = Ioc(IocRead | IocWrite, 0x0E, Unsafe.SizeOf<GpioV2LineValues>());
    public static readonly nuint V2LineSetValues = Ioc(IocRead | IocWrite, 0x0F, Unsafe.SizeOf<GpioV2LineValues>());

    /// <summary>asm-generic/ioctl.h: dir in bits 30-31, size in 16-29, type in 8-15, number in 0-7.</summary>
    private static nuint Ioc(uint direction, uint number, int size) =>
        (direction << 30) | ((uint)size << 16) | (GpioIoctlType << 8) | number;
}
