using System.Runtime.InteropServices;

namespace Mailroom.Edge.Gpio.Linux.Interop;

/// <summary>clock_gettime(2): CLOCK_MONOTONIC is the clock the kernel stamps GPIO edge events with by default.</summary>
internal static unsafe partial class Libc
{
    public const int CLOCK_MONOTONIC = 1;

    [LibraryImport("libc", EntryPoint = "clock_gettime", SetLastError = true)]
    public static partial int ClockGetTime(int clockId, Timespec* time);
}
