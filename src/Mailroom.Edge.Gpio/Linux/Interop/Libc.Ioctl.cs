using System.Runtime.InteropServices;

namespace Mailroom.Edge.Gpio.Linux.Interop;

/// <summary>
/// ioctl(2). It is variadic in C; on the ABIs we run on (arm64, armhf, x86-64) a pointer third argument is passed
/// exactly as in a fixed-argument call, which is why a plain signature is sound.
/// </summary>
internal static unsafe partial class Libc
{
    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(SafeFdHandle fd, nuint request, void* argument);
}
