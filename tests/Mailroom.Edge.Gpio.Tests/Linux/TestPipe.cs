using System.Runtime.InteropServices;
using Mailroom.Edge.Gpio.Linux.Interop;

namespace Mailroom.Edge.Gpio.Tests.Linux;

/// <summary>
/// A pipe standing in for a line-request fd: the reader polls and reads it exactly as it would the kernel's,
/// and the test writes whole <c>gpio_v2_line_event</c> structs into it (writes under PIPE_BUF are atomic).
/// </summary>
internal sealed unsafe partial class TestPipe : IDisposable
{
    public TestPipe()
    {
        int* fds = stackalloc int[2];
        if (pipe2(fds, Libc.O_CLOEXEC) != 0) throw new InvalidOperationException($"pipe2 failed: errno {Marshal.GetLastPInvokeError()}");
        ReadEnd = new SafeFdHandle(fds[0], ownsHandle: true);
        WriteEnd = new SafeFdHandle(fds[1], ownsHandle: true);
    }

    public SafeFdHandle ReadEnd { get; }

    public SafeFdHandle WriteEnd { get; }

    public void Write(params GpioV2LineEvent[] events)
    {
        fixed (GpioV2LineEvent* p = events)
        {
            nint size = events.Length * sizeof(GpioV2LineEvent);
            if (Libc.Write(WriteEnd, p, (nuint)size) != size) throw new InvalidOperationException("short write to the test pipe");
        }
    }

    public static GpioV2LineEvent Event(uint seqNo, uint offset = 17, uint id = GpioUapi.EventFallingEdge) =>
        new() { TimestampNs = 1_000_000UL * seqNo, Id = id, Offset = offset, SeqNo = seqNo, LineSeqNo = seqNo };

    public void Dispose()
    {
        WriteEnd.Dispose();
        ReadEnd.Dispose();
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int pipe2(int* fds, int flags);
}
