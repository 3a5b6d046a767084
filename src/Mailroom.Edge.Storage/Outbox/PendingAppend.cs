using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Storage.Outbox;

/// <summary>One append waiting for the writer: the event and the caller's completion, set after the commit.</summary>
internal sealed class PendingAppend(DomainEvent domainEvent)
{
    public DomainEvent Event { get; } = domainEvent;

    /// <summary>Continuations run on the thread pool, never on the writer thread, so callers cannot stall commits.</summary>
    public TaskCompletionSource<EventEnvelope> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The caller was already told the append failed (disk full); the event is now only held in memory.</summary>
    public bool CallerFailed { get; set; }

    public EventEnvelope? Envelope { get; set; }
}
