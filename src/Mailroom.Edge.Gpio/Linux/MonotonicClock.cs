using System.Runtime.InteropServices;
using Mailroom.Edge.Gpio.Linux.Interop;

namespace Mailroom.Edge.Gpio.Linux;

/// <summary>CLOCK_MONOTONIC read directly, so "now" is on the same clock as the kernel's edge timestamps.</summary>
internal static unsafe class MonotonicClock
{
    public static long NowNs
    {
        get
        {
            Timespec now;
            if (Libc.ClockGetTime(Libc.CLOCK_MONOTONIC, &now) != 0)
            {
                throw new InvalidOperationException($"clock_gettime(CLOCK_MONOTONIC) failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}.");
            }

            return (long)now.Seconds * 1_000_000_000L + now.Nanoseconds;
        }
    }
}
