using System.Threading.Channels;
using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio.Linux;

/// <summary>Input lines held through a GPIO v2 line request (include/uapi/linux/gpio.h), their edges read by one thread.</summary>
public sealed class LinuxInputLineRequest : IInputLineRequest
{
    private readonly LineRequestValues _values;
    private readonly LineEventReader _reader;

    internal LinuxInputLineRequest(LineRequestValues values, int channelCapacity, string threadName)
    {
        _values = values;
        _reader = new LineEventReader(values.Fd, channelCapacity, threadName);
    }

    public ChannelReader<LineEdgeEvent> Events => _reader.Events;

    public long DroppedEvents => KernelDroppedEvents + ChannelDroppedEvents;

    /// <summary>Lost in the kernel: event_buffer_size was too small for a burst. Raise it.</summary>
    public long KernelDroppedEvents => _reader.KernelDropped;

    /// <summary>Lost here: the consumer of <see cref="Events"/> fell behind.</summary>
    public long ChannelDroppedEvents => _reader.ChannelDropped;

    public bool GetValue(LineOffset offset) => _values.Get(offset);

    public void Dispose()
    {
        // Stop the reader before closing the fd it polls.
        _reader.Dispose();
        _values.Dispose();
    }
}
