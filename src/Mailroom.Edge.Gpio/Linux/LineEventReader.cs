using System.Runtime.InteropServices;
using System.Threading.Channels;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Gpio.Linux.Interop;

namespace Mailroom.Edge.Gpio.Linux;

/// <summary>
/// One thread per line request, blocked in poll(2) on the request fd and an eventfd that stops it: no timers, no
/// polling loop. Each read takes a batch of <c>struct gpio_v2_line_event</c>.
/// <para>
/// Channel-full policy: the thread never waits for the consumer. If the bounded channel is full the newest event is
/// dropped and counted, because blocking here would stop draining the kernel's fifo and the kernel would then drop
/// events anyway, silently. Ordering is kept and the consumer sees the loss as a gap in SeqNo and LineSeqNo.
/// </para>
/// </summary>
internal sealed unsafe class LineEventReader : IDisposable
{
    private const int EventsPerRead = 64;

    private readonly SafeFdHandle _source;
    private readonly SafeFdHandle _stop;
    private readonly Channel<LineEdgeEvent> _channel;
    private readonly Thread _thread;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _kernelDropped;
    private long _channelDropped;
    private readonly Dictionary<uint, uint> _lastLineSeqNos = [];
    private int _disposed;

    /// <summary>Starts the reader thread on <paramref name="source"/>: a line-request fd or, in tests, any fd yielding whole events.</summary>
    public LineEventReader(SafeFdHandle source, int channelCapacity, string threadName)
    {
        _source = source;
        _stop = new SafeFdHandle(Libc.EventFd(0, Libc.EFD_CLOEXEC), ownsHandle: true);
        if (_stop.IsInvalid)
        {
            throw new GpioException($"eventfd failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}.");
        }

        _channel = Channel.CreateBounded<LineEdgeEvent>(new BoundedChannelOptions(channelCapacity)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails instead of waiting; the loss is counted.
        });
        _thread = new Thread(Run) { IsBackground = true, Name = threadName };
        _thread.Start();
    }

    public ChannelReader<LineEdgeEvent> Events => _channel.Reader;

    /// <summary>
    /// Events the kernel dropped whole because its fifo (event_buffer_size) was full: gaps in each line's LineSeqNo. A
    /// SeqNo gap alone is not one: lines have interrupt threads of their own, so a line's event may come after the other
    /// line's later ones, and a late thread takes two edges of its line as one event (gpiolib-cdev.c) whatever the
    /// buffer size; the Wiegand assembler reports those.
    /// </summary>
    public long KernelDropped => Interlocked.Read(ref _kernelDropped);

    /// <summary>Events this process dropped because the consumer did not keep up with the channel.</summary>
    public long ChannelDropped => Interlocked.Read(ref _channelDropped);

    /// <summary>Completes when the reader thread has exited (stopped, end of file or a read error).</summary>
    public Task Stopped => _stopped.Task;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        ulong one = 1;
        _ = Libc.Write(_stop, &one, sizeof(ulong));
        _thread.Join();
        _stop.Dispose();
    }

    private void Run()
    {
        Exception? fault = null;
        bool sourceRef = false, stopRef = false;
        try
        {
            _source.DangerousAddRef(ref sourceRef);
            _stop.DangerousAddRef(ref stopRef);
            var buffer = new GpioV2LineEvent[EventsPerRead];
            while (WaitReadable() && ReadBatch(buffer))
            {
            }
        }
        catch (Exception ex)
        {
            fault = ex;
        }
        finally
        {
            if (stopRef) _stop.DangerousRelease();
            if (sourceRef) _source.DangerousRelease();
            _channel.Writer.TryComplete(fault);
            _stopped.TrySetResult();
        }
    }

    /// <summary>True when the source has data or hung up (read then tells which); false when asked to stop.</summary>
    private bool WaitReadable()
    {
        var fds = stackalloc PollFd[2];
        fds[0] = new PollFd { Fd = _source.Fd, Events = Libc.POLLIN };
        fds[1] = new PollFd { Fd = _stop.Fd, Events = Libc.POLLIN };
        while (Libc.Poll(fds, 2, -1) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR) throw new GpioException($"poll on the line request failed: {Marshal.GetPInvokeErrorMessage(errno)}.");
        }

        if (fds[1].REvents != 0) return false;
        if ((fds[0].REvents & Libc.POLLNVAL) != 0) throw new GpioException("the line request descriptor was closed under the reader.");
        return true;
    }

    /// <summary>Reads one batch; false at end of file (the request went away).</summary>
    private bool ReadBatch(GpioV2LineEvent[] buffer)
    {
        nint bytes;
        fixed (GpioV2LineEvent* events = buffer)
        {
            bytes = Libc.Read(_source, events, (nuint)(buffer.Length * sizeof(GpioV2LineEvent)));
        }

        if (bytes < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno is Errno.EINTR or Errno.EAGAIN) return true;
            throw new GpioException($"reading GPIO events failed: {Marshal.GetPInvokeErrorMessage(errno)}.");
        }

        int count = (int)(bytes / sizeof(GpioV2LineEvent));
        for (int i = 0; i < count; i++)
        {
            Publish(in buffer[i]);
        }

        return bytes > 0;
    }

    private void Publish(in GpioV2LineEvent raw)
    {
        // The kernel numbers each line's events from 1; 2^32 edges would take years at Wiegand rates, so no wrap handling.
        uint expected = _lastLineSeqNos.GetValueOrDefault(raw.Offset) + 1;
        if (raw.LineSeqNo > expected) Interlocked.Add(ref _kernelDropped, raw.LineSeqNo - expected);
        _lastLineSeqNos[raw.Offset] = raw.LineSeqNo;

        var edge = raw.Id == GpioUapi.EventRisingEdge ? EdgeKind.Rising : EdgeKind.Falling;
        var evt = new LineEdgeEvent((long)raw.TimestampNs, new LineOffset(raw.Offset), edge, raw.SeqNo, raw.LineSeqNo);
        if (!_channel.Writer.TryWrite(evt)) Interlocked.Increment(ref _channelDropped);
    }
}
