using System.Diagnostics;
using System.Runtime.CompilerServices;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.KernelLane.Tests.Guest;

namespace Mailroom.Edge.KernelLane.Tests.GpioSim;

/// <summary>
/// Plays a Wiegand reader on two gpio-sim lines: both idle high, and each bit is a low pulse on D0 (a 0) or D1 (a 1).
/// A real reader is a device with its own clock; here it shares the guest's one vCPU, so it runs under SCHED_FIFO at
/// <paramref name="priority"/>: no thread of the agent can stretch a pulse, and whether the kernel's GPIO interrupt
/// thread (priority 50) can run during a pulse is the caller's choice. Pulse widths are spun on the guest's clock;
/// the gap to the next bit sleeps (and so lets the agent run) unless <c>spinGaps</c> asks for a generator that never
/// yields the CPU.
/// </summary>
public sealed class WiegandPulseGenerator(GpioSimLine d0, GpioSimLine d1, int priority = RealtimePriority.KernelIrqThread - 10)
{
    public void Idle()
    {
        d0.Drive(true);
        d1.Drive(true);
    }

    // Fully optimised from the first call: a tiering or on-stack-replacement compile in the middle of a pulse would
    // stretch it by milliseconds of guest time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Send(WiegandBits bits, TimeSpan pulseWidth, TimeSpan bitPeriod, bool spinGaps = false)
    {
        using var realtime = RealtimePriority.Enter(priority);
        for (int i = 0; i < bits.Length; i++)
        {
            var line = bits[i] ? d1 : d0;
            long start = Stopwatch.GetTimestamp();
            line.Drive(false);
            SpinUntil(start, pulseWidth);
            line.Drive(true);
            if (i == bits.Length - 1) break;
            // Whole milliseconds: Thread.Sleep(0) would only yield, and not to a lower priority.
            int sleepMs = (int)(bitPeriod - pulseWidth).TotalMilliseconds;
            if (!spinGaps && sleepMs > 0) Thread.Sleep(sleepMs);
            SpinUntil(start, bitPeriod);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SpinUntil(long start, TimeSpan elapsed)
    {
        while (Stopwatch.GetElapsedTime(start) < elapsed)
        {
        }
    }
}
