namespace Mailroom.Edge.Core.Events;

/// <summary>
/// The durable store behind the event port (the SQLite outbox in production): an append is queued at once, in call
/// order, and completes once the event is durable. Only the event port's implementation appends; everything else emits
/// through <see cref="IEventPort"/>.
/// </summary>
public interface IEventSink
{
    ValueTask<EventEnvelope> AppendAsync(DomainEvent domainEvent, CancellationToken cancellationToken = default);
}
