using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Benchmarks.Decision;

/// <summary>The event append is not on the path the decision benchmarks measure (it happens after the strike moves).</summary>
internal sealed class DiscardingSink : IEventSink
{
    public ValueTask<EventEnvelope> AppendAsync(DomainEvent domainEvent, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new EventEnvelope(Guid.Empty, 0));
}
