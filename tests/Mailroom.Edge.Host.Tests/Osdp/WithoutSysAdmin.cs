using System.Runtime.InteropServices;

namespace Mailroom.Edge.Host.Tests.Osdp;

/// <summary>
/// Runs code on a thread of its own with CAP_SYS_ADMIN dropped from that thread's effective set. Linux keeps
/// capabilities per thread (capset(2) acts on the caller only), so the thread is refused what an unprivileged agent
/// would be (the kernel lets CAP_SYS_ADMIN past TIOCEXCL) while the test runner stays root. Without root it changes
/// nothing, the capability being absent already.
/// </summary>
internal static unsafe partial class WithoutSysAdmin
{
    private const uint CapabilityVersion3 = 0x20080522; // _LINUX_CAPABILITY_VERSION_3: two 32-bit halves per set.
    private const int SysAdmin = 21; // CAP_SYS_ADMIN, in the low half.

    public static T Run<T>(Func<T> action)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                DropFromThisThread();
                result = action();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null) throw new InvalidOperationException("the unprivileged thread failed", failure);
        return result;
    }

    // The thread ends after the action, so the capability is never raised again.
    private static void DropFromThisThread()
    {
        var header = new CapabilityHeader { Version = CapabilityVersion3 };
        // Two struct __user_cap_data_struct, each { effective, permitted, inheritable }: the low halves, then the high.
        var sets = stackalloc uint[6];
        if (CapGet(&header, sets) != 0) throw new InvalidOperationException($"capget failed (errno {Marshal.GetLastPInvokeError()})");
        sets[0] &= ~(1u << SysAdmin);
        if (CapSet(&header, sets) != 0) throw new InvalidOperationException($"capset failed (errno {Marshal.GetLastPInvokeError()})");
    }

    [LibraryImport("libc", EntryPoint = "capget", SetLastError = true)]
    private static partial int CapGet(CapabilityHeader* header, uint* sets);

    [LibraryImport("libc", EntryPoint = "capset", SetLastError = true)]
    private static partial int CapSet(CapabilityHeader* header, uint* sets);

    /// <summary><c>struct __user_cap_header_struct</c> (linux/capability.h); pid 0 is the calling thread.</summary>
    private struct CapabilityHeader
    {
        public uint Version;
        public int Pid;
    }
}
