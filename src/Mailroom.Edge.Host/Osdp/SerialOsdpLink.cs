using System.Diagnostics;
using System.Runtime.InteropServices;
using Mailroom.Edge.Core.Readers.Osdp;
using Mailroom.Edge.Host.Interop;
using Microsoft.Win32.SafeHandles;

namespace Mailroom.Edge.Host.Osdp;

/// <summary>
/// An OSDP bus on a Linux serial device (an RS-485 adapter: <c>/dev/ttyUSB0</c>, <c>/dev/ttyAMA0</c>), set up by
/// <see cref="SerialLineSetup"/>. The descriptor is non-blocking: a read waits in poll(2) for at most the caller's
/// timeout, so a silent reader costs the poll loop exactly that timeout and nothing can block it for longer.
/// </summary>
public sealed unsafe class SerialOsdpLink : IOsdpLink
{
    private const int OpenFlags = Libc.OpenReadWrite | Libc.OpenNoControllingTerminal | Libc.OpenNonBlocking | Libc.OpenCloseOnExec;

    // The kernel buffers kilobytes and a UART drains them in well under a second even at 9600 baud, so this long
    // without room means a wedged adapter: better a fault the loop reports than a poll loop stuck for ever.
    private static readonly TimeSpan WriteStallLimit = TimeSpan.FromSeconds(5);

    private readonly SafeFileHandle _fd;

    private SerialOsdpLink(string port, int baud, SafeFileHandle fd)
    {
        Port = port;
        Baud = baud;
        _fd = fd;
    }

    /// <summary>The speeds OSDP devices are set to (SIA OSDP 2.2; 9600 is the factory default).</summary>
    public static IReadOnlyList<int> SupportedBauds { get; } = [9600, 19200, 38400, 57600, 115200, 230400];

    public string Port { get; }

    public int Baud { get; }

    /// <summary>Received bytes not read yet (TIOCINQ): lets a test see bytes arrive without taking them.</summary>
    internal int BytesWaiting
    {
        get
        {
            int count;
            if (Libc.Ioctl(_fd, Libc.ReceivedBytesWaiting, &count) != 0)
                throw OsdpLinkException.LastCallFailed(Port, "cannot count received bytes (TIOCINQ)");
            return count;
        }
    }

    /// <summary>Opens <paramref name="port"/> for this process alone, raw 8N1 at <paramref name="baud"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="baud"/> is not one of <see cref="SupportedBauds"/>.</exception>
    /// <exception cref="OsdpLinkException">The device cannot be opened or set up; the message says why.</exception>
    public static SerialOsdpLink Open(string port, int baud)
    {
        ArgumentException.ThrowIfNullOrEmpty(port);
        if (!SupportedBauds.Contains(baud))
            throw new ArgumentOutOfRangeException(nameof(baud), baud, $"OSDP runs at {string.Join(", ", SupportedBauds)} baud.");

        var raw = Libc.Open(port, OpenFlags);
        if (raw < 0)
            throw OsdpLinkException.CannotOpen(port, Marshal.GetLastPInvokeError());
        var link = new SerialOsdpLink(port, baud, new SafeFileHandle(raw, ownsHandle: true));
        try
        {
            SerialLineSetup.Apply(link._fd, port, baud);
            return link;
        }
        catch
        {
            link.Dispose(); // which also drops the exclusive claim, should setup fail after taking it
            throw;
        }
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        fixed (byte* start = bytes)
        {
            var written = 0;
            while (written < bytes.Length)
            {
                var count = Libc.Write(_fd, start + written, (nuint)(bytes.Length - written));
                if (count > 0)
                {
                    written += (int)count;
                    continue;
                }

                if (count < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == Libc.Interrupted) continue;
                    if (errno != Libc.WouldBlock) throw OsdpLinkException.Failed(Port, "write failed", errno);
                }

                // The kernel's output buffer is full: wait for room.
                if (!WaitUntil(Libc.PollWritable, DeadlineAfter(WriteStallLimit)))
                    throw new OsdpLinkException($"{Port}: the kernel took no byte for {WriteStallLimit.TotalSeconds:0} s; is the adapter wedged?");
            }
        }
    }

    public int Read(Span<byte> buffer, TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        if (buffer.IsEmpty) return 0;

        var deadline = DeadlineAfter(timeout);
        while (WaitUntil(Libc.PollReadable, deadline))
        {
            nint count;
            fixed (byte* target = buffer)
            {
                count = Libc.Read(_fd, target, (nuint)buffer.Length);
            }

            if (count > 0) return (int)count;
            // poll said readable and there is nothing: end of file, which a tty reports only after a hang-up.
            if (count == 0) throw new OsdpLinkException($"{Port}: the line hung up; was the adapter unplugged?");
            var errno = Marshal.GetLastPInvokeError();
            // EAGAIN after readable is a wake-up with nothing for us: wait out the rest of the timeout.
            if (errno is not (Libc.WouldBlock or Libc.Interrupted)) throw OsdpLinkException.Failed(Port, "read failed", errno);
        }

        return 0;
    }

    public void DiscardInput()
    {
        if (Libc.TcFlush(_fd, Libc.FlushReceived) != 0)
            throw OsdpLinkException.LastCallFailed(Port, "cannot discard received bytes (tcflush)");
    }

    /// <summary>Gives up the exclusive claim and closes the device; later calls do nothing.</summary>
    public void Dispose()
    {
        if (_fd.IsClosed) return;
        // The claim is a flag on the tty, not on this descriptor: it outlives the close while any other descriptor keeps
        // the tty (a root process, the far end of a pseudo-terminal), and would then lock this agent out of its own bus.
        _ = Libc.Ioctl(_fd, Libc.SharedUse, null);
        _fd.Dispose();
    }

    private static long DeadlineAfter(TimeSpan wait) => Stopwatch.GetTimestamp() + (long)(wait.TotalSeconds * Stopwatch.Frequency);

    /// <summary>True once the line is ready for <paramref name="events"/>, false at the deadline. A signal interrupting
    /// poll(2) restarts the wait with the time that is left, so signals neither cut a wait short nor stretch it.</summary>
    private bool WaitUntil(short events, long deadline)
    {
        var added = false;
        _fd.DangerousAddRef(ref added);
        try
        {
            var poll = new PollFd((int)_fd.DangerousGetHandle(), events, 0);
            while (true)
            {
                var ready = Libc.Poll(&poll, 1, MillisecondsUntil(deadline));
                if (ready >= 0) return ready > 0;
                var errno = Marshal.GetLastPInvokeError();
                if (errno != Libc.Interrupted) throw OsdpLinkException.Failed(Port, "poll failed", errno);
            }
        }
        finally
        {
            if (added) _fd.DangerousRelease();
        }
    }

    // Rounded up: poll(2) rounded down would wake just before the deadline and report a timeout early.
    private static int MillisecondsUntil(long deadline)
    {
        var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
        return left <= TimeSpan.Zero ? 0 : (int)Math.Min(int.MaxValue, Math.Ceiling(left.TotalMilliseconds));
    }
}
