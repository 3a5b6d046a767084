using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Testing;

/// <summary>The events a core component emitted, in order, as a list a test can read and clear.</summary>
public sealed class EventList : List<DomainEvent>, IEventPort
{
    private long _seq;

    public Task<EventEnvelope> Emit(DomainEvent domainEvent)
    {
        Add(domainEvent);
        return Task.FromResult(new EventEnvelope(Guid.CreateVersion7(), ++_seq));
    }
}
