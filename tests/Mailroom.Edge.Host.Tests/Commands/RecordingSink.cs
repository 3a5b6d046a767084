using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Host.Tests.Commands;

/// <summary>An event sink and port that keeps every event in memory, for in-process command tests.</summary>
internal sealed class RecordingSink : IEventSink, IEventPort
{
    private long _seq;

    public List<DomainEvent> Events { get; } = [];

    public ValueTask<EventEnvelope> AppendAsync(DomainEvent domainEvent, CancellationToken cancellationToken = default)
    {
        lock (Events)
            Events.Add(domainEvent);
        return ValueTask.FromResult(new EventEnvelope(Guid.CreateVersion7(), Interlocked.Increment(ref _seq)));
    }

    public Task<EventEnvelope> Emit(DomainEvent domainEvent) => AppendAsync(domainEvent).AsTask();
}
