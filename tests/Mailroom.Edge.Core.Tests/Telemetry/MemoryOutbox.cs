using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;

namespace Mailroom.Edge.Core.Tests.Telemetry;

/// <summary>An in-memory outbox and event sink for publisher tests.</summary>
internal sealed class MemoryOutbox : IOutbox, IEventSink
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, OutboxMessage> _pending = [];
    private long _seq;

    public HashSet<long> Delivered { get; } = [];

    public Dictionary<long, string> Dead { get; } = [];

    public List<DomainEvent> Appended { get; } = [];

    public void Add(int count)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _seq++;
                _pending[_seq] = new OutboxMessage(_seq, "root/event/access", [(byte)_seq]);
            }
        }
    }

    public IReadOnlyList<OutboxMessage> ReadPending(long afterSeq, int max)
    {
        lock (_gate)
            return _pending.Values.Where(m => m.Seq > afterSeq).Take(max).ToList();
    }

    public void MarkDelivered(long seq)
    {
        lock (_gate)
        {
            _pending.Remove(seq);
            Delivered.Add(seq);
        }
    }

    public void MarkDeadLettered(long seq, string reason)
    {
        lock (_gate)
        {
            _pending.Remove(seq);
            Dead[seq] = reason;
        }
    }

    public ValueTask WaitForAppendAsync(CancellationToken cancellationToken) => new(Task.Delay(Timeout.Infinite, cancellationToken));

    public OutboxStatus Status()
    {
        lock (_gate)
            return new OutboxStatus(_pending.Count, null, _pending.Count, 0, 0, Dead.Count, false, 0, null);
    }

    /// <summary>Raised after every append, so a test can wait for an alarm the publisher raises after a state change.</summary>
    public event Action? AppendedOne;

    public ValueTask<EventEnvelope> AppendAsync(DomainEvent domainEvent, CancellationToken cancellationToken = default)
    {
        EventEnvelope envelope;
        lock (_gate)
        {
            Appended.Add(domainEvent);
            envelope = new EventEnvelope(Guid.NewGuid(), ++_seq);
        }
        AppendedOne?.Invoke();
        return ValueTask.FromResult(envelope);
    }
}
