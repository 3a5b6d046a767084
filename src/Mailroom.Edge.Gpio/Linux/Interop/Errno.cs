namespace Mailroom.Edge.Gpio.Linux.Interop;

/// <summary>The errno values the GPIO adapter turns into advice (asm-generic/errno-base.h; checked by test).</summary>
internal static class Errno
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int EINTR = 4;
    public const int ENXIO = 6;
    public const int EAGAIN = 11;
    public const int EACCES = 13;
    public const int EBUSY = 16;
    public const int ENODEV = 19;
    public const int EINVAL = 22;
    public const int ENOTTY = 25;
}
