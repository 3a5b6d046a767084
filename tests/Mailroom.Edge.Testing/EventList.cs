using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Testing;

/// <summary>The events a core component emitted, in order, as a list a test can read and clear (emitting is safe from
/// several threads; read it once they are done).</summary>
public sealed class EventList : List<DomainEvent>, IEventPort
{
    private readonly Lock _gate = new();
    private long _seq;

    public Task<EventEnvelope> Emit(DomainEvent domainEvent)
    {
        lock (_gate)
        {
            Add(domainEvent);
            return Task.FromResult(new EventEnvelope(Guid.CreateVersion7(), ++_seq));
        }
    }
}
