using System.Runtime.InteropServices;

namespace Mailroom.Edge.KernelLane.Tests.Guest;

/// <summary>
/// Runs the calling thread under SCHED_FIFO at a chosen priority until disposed (sched_setscheduler(2) on thread 0,
/// which Linux takes to mean the calling thread). On the guest's single vCPU this decides who runs: every
/// SCHED_OTHER thread (the agent's event reader among them) waits, and the kernel's GPIO interrupt thread, a
/// SCHED_FIFO thread at priority 50, runs only if this priority is below 50. That is how the lane makes a busy device
/// on purpose instead of hoping for one.
/// </summary>
public sealed partial class RealtimePriority : IDisposable
{
    /// <summary>Priority of the threads the kernel gives threaded interrupt handlers (kernel/irq/manage.c).</summary>
    public const int KernelIrqThread = 50;

    private const int SchedOther = 0;
    private const int SchedFifo = 1;

    private RealtimePriority()
    {
    }

    public static RealtimePriority Enter(int priority)
    {
        Set(SchedFifo, priority);
        return new RealtimePriority();
    }

    public void Dispose() => Set(SchedOther, 0);

    private static void Set(int policy, int priority)
    {
        var parameters = priority;
        if (SchedSetScheduler(0, policy, ref parameters) != 0)
        {
            throw new InvalidOperationException($"sched_setscheduler({policy}, {priority}) failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
    }

    // struct sched_param is one int (sched_priority).
    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static partial int SchedSetScheduler(int pid, int policy, ref int parameters);
}
