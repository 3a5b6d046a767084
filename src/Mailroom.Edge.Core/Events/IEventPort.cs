namespace Mailroom.Edge.Core.Events;

/// <summary>
/// The one way events leave the core (doors, the site, readers, commands, credential sync, video). <see cref="Emit"/>
/// takes the event at once, in call order — that order is the order of <c>seq</c>, so a component emits the cause
/// before its effect (a decision, then the door's reaction) — and never waits for the disk. The task completes when the
/// event is durable. A caller that must not go on before that (a command's result) awaits it; the door never does.
/// <para>
/// The port decides durability and retry in one place: the task faults only with <see cref="EventNotDurableException"/>
/// (the outbox holds the event in memory until the disk has room) or <see cref="ObjectDisposedException"/> (the service
/// is stopping), and the port has already observed it, so a task nobody awaits never surfaces as an unobserved
/// exception.
/// </para>
/// </summary>
public interface IEventPort
{
    Task<EventEnvelope> Emit(DomainEvent domainEvent);

    /// <summary>
    /// Events emitted on this thread until the batch is disposed keep their order and are handed to the store together
    /// when it ends. A reader uses it around a decision and the door's reaction: the decision still comes first in
    /// <c>seq</c>, but the store's writer is woken after the strike has moved, not in front of it. A port with nothing
    /// to gain hands each event over at once.
    /// </summary>
    IDisposable Batch() => NoBatch.Instance;

    private sealed class NoBatch : IDisposable
    {
        public static readonly NoBatch Instance = new();

        public void Dispose()
        {
        }
    }
}
