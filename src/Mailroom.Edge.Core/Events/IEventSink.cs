namespace Mailroom.Edge.Core.Events;

/// <summary>
/// The port where events go (the SQLite outbox in production). An append returns only once the event is durable;
/// the caller may then rely on it being delivered eventually.
/// </summary>
public interface IEventSink
{
    ValueTask<EventEnvelope> AppendAsync(DomainEvent domainEvent, CancellationToken cancellationToken = default);
}
