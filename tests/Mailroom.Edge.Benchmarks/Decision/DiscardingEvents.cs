using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Benchmarks.Decision;

/// <summary>An event port that drops every event at once: for benchmarks of the rules alone, not of the event path.</summary>
internal sealed class DiscardingEvents : IEventPort
{
    private static readonly Task<EventEnvelope> Done = Task.FromResult(new EventEnvelope(Guid.Empty, 0));

    public Task<EventEnvelope> Emit(DomainEvent domainEvent) => Done;
}
