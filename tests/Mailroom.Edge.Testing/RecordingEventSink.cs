using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Testing;

/// <summary>An in-memory event sink and port: gives each event an id and seq like the outbox (in call order, as the
/// agent's pipeline does) and lets tests await events.</summary>
public sealed class RecordingEventSink : IEventSink, IEventPort
{
    private long _seq;

    public SignalRecorder<AppendedEvent> Events { get; } = new();

    /// <summary>Called with each event after it is recorded, like <see cref="EventDispatcher"/>'s subscribers.</summary>
    public Action<AppendedEvent>? Subscriber { get; set; }

    public ValueTask<EventEnvelope> AppendAsync(DomainEvent domainEvent, CancellationToken cancellationToken = default)
    {
        var envelope = new EventEnvelope(Guid.CreateVersion7(), Interlocked.Increment(ref _seq));
        var appended = new AppendedEvent(envelope, domainEvent);
        Events.Add(appended);
        Subscriber?.Invoke(appended);
        return ValueTask.FromResult(envelope);
    }

    public Task<EventEnvelope> Emit(DomainEvent domainEvent) => AppendAsync(domainEvent).AsTask();

    public IReadOnlyList<T> OfType<T>() where T : DomainEvent => [.. Events.Snapshot().Select(e => e.Event).OfType<T>()];

    /// <summary>Waits for the n-th (1-based) event of a type matching the predicate.</summary>
    public async Task<T> WaitForAsync<T>(TimeSpan timeout, Func<T, bool>? predicate = null, int nth = 1) where T : DomainEvent
    {
        var count = 0;
        var lockObject = new Lock();
        var match = await Events.WaitForAsync(e =>
        {
            if (e.Event is not T typed || !(predicate?.Invoke(typed) ?? true))
                return false;
            lock (lockObject)
                return ++count >= nth;
        }, timeout);
        return (T)match.Event;
    }
}
