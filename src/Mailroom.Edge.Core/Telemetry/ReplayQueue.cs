using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Mailroom.Edge.Core.Telemetry;

/// <summary>
/// Events a consumer asked for again (the <c>replay</c> command), waiting for the publisher. The publisher sends them
/// only into the room its in-flight window has left after the live rows, so a replay never delays new events. Bounded:
/// a replay that does not fit is refused as a whole rather than half-queued, and the consumer asks again later.
/// </summary>
public sealed class ReplayQueue
{
    public const int DefaultCapacity = 20_000;

    private readonly ConcurrentQueue<OutboxMessage> _messages = new();
    private readonly Channel<bool> _doorbell = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock _admission = new();
    private int _count;

    public ReplayQueue(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>Messages waiting to be published again.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Reserves room for <paramref name="count"/> messages; false when they would not all fit.</summary>
    public bool TryReserve(int count)
    {
        lock (_admission)
        {
            if (_count + count > Capacity)
                return false;
            Interlocked.Add(ref _count, count);
            return true;
        }
    }

    /// <summary>Gives back reserved room that was not used (rows gone between counting and reading).</summary>
    public void Release(int count) => Interlocked.Add(ref _count, -count);

    /// <summary>Queues a message for which room was reserved.</summary>
    public void Enqueue(OutboxMessage message)
    {
        _messages.Enqueue(message);
        _doorbell.Writer.TryWrite(true);
    }

    public bool TryDequeue(out OutboxMessage message)
    {
        if (!_messages.TryDequeue(out message!))
            return false;
        Interlocked.Decrement(ref _count);
        return true;
    }

    /// <summary>Completes when a message was queued since the last call (a doorbell, not a queue).</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        if (_doorbell.Reader.TryRead(out _))
            return;
        await _doorbell.Reader.WaitToReadAsync(cancellationToken);
        _doorbell.Reader.TryRead(out _);
    }
}
