using Mailroom.Edge.Core.Events;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Host.Agent;

/// <summary>
/// Hands each door event straight to the outbox's group commit. Controllers emit synchronously under their lock (from
/// timers, input loops and reader decisions), so they cannot wait for a disk write; but the outbox's append only
/// enqueues the event for its writer thread and returns, so the door waits for a queue push, not for the disk, and
/// there is no second queue in between. What remains in RAM is the window between this call and the writer's next
/// commit (docs/mqtt.md, "Delivery guarantees"). Order is kept: events of one door are emitted under its lock and
/// enqueued in that order.
/// <para>
/// The append is observed in the background: on a full disk the outbox holds the event in memory and writes it when
/// space returns (a warning here); if even that buffer is full the event is retried from here every second, so an
/// alarm is never dropped while the service runs.
/// </para>
/// </summary>
public sealed class DoorEventHandoff(IEventSink events, TimeProvider time, ILogger<DoorEventHandoff> logger)
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    public void Emit(DomainEvent domainEvent)
    {
        var append = Append(domainEvent);
        if (!append.IsCompletedSuccessfully)
            _ = ObserveAsync(domainEvent, append);
    }

    private async Task ObserveAsync(DomainEvent domainEvent, ValueTask<EventEnvelope> append)
    {
        while (true)
        {
            try
            {
                await append.ConfigureAwait(false);
                return;
            }
            catch (EventNotDurableException e) when (e.HeldInMemory)
            {
                logger.LogWarning("{Type} is not durable yet: {Reason}", domainEvent.Type, e.Message);
                return;
            }
            catch (ObjectDisposedException)
            {
                logger.LogWarning("{Type} was emitted after the outbox closed (the service is stopping); it is not recorded", domainEvent.Type);
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Appending {Type} failed; retrying", domainEvent.Type);
            }
            await Task.Delay(RetryInterval, time).ConfigureAwait(false);
            append = Append(domainEvent);
        }
    }

    // A sink that throws instead of returning a faulted task (a closed outbox) is handled like one that faults.
    private ValueTask<EventEnvelope> Append(DomainEvent domainEvent)
    {
        try
        {
            return events.AppendAsync(domainEvent);
        }
        catch (Exception e)
        {
            return ValueTask.FromException<EventEnvelope>(e);
        }
    }
}
