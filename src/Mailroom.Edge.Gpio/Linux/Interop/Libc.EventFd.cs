using System.Runtime.InteropServices;

namespace Mailroom.Edge.Gpio.Linux.Interop;

/// <summary>eventfd(2): the stop signal for a reader thread blocked in poll.</summary>
internal static partial class Libc
{
    public const int EFD_CLOEXEC = O_CLOEXEC;

    /// <remarks>Returns the raw int for the same reason as <see cref="Open"/>.</remarks>
    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    public static partial int EventFd(uint initialValue, int flags);
}
