using Mailroom.Edge.Core.Events;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Host.Events;

/// <summary>
/// The agent's <see cref="IEventPort"/>: order, durability and retry of every event, decided here. <see cref="Emit"/>
/// pushes the event onto the outbox's group-commit queue on the caller's thread (so the order of calls is the order of
/// <c>seq</c>) and returns; the door waits for a queue push, not for the disk. Once committed, the event goes to the
/// in-process subscribers (<see cref="EventDispatcher"/>).
/// <para>
/// On a full disk the outbox holds the event in memory and writes it when space returns (a warning here, the task
/// faults with <see cref="EventNotDurableException"/>); if even that buffer is full the event is retried from here every
/// second, so an alarm is never dropped while the service runs. What remains in RAM until the writer's next commit is
/// described in docs/mqtt.md, "Delivery guarantees".
/// </para>
/// </summary>
public sealed class EventPipeline(IEventSink outbox, EventDispatcher dispatcher, TimeProvider time, ILogger<EventPipeline> logger) : IEventPort
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    // A batch's events on this thread, in emission order, until the outermost batch ends (docs: IEventPort.Batch).
    [ThreadStatic]
    private static List<(DomainEvent Event, TaskCompletionSource<EventEnvelope> Durable)>? t_batch;

    [ThreadStatic]
    private static int t_batchDepth;

    public IDisposable Batch()
    {
        t_batchDepth++;
        return new BatchEnd(this);
    }

    public Task<EventEnvelope> Emit(DomainEvent domainEvent)
    {
        if (t_batchDepth == 0)
            return EmitNow(domainEvent);
        // Held in order, without waking the outbox's writer: the door path is still running.
        var durable = new TaskCompletionSource<EventEnvelope>(TaskCreationOptions.RunContinuationsAsynchronously);
        (t_batch ??= []).Add((domainEvent, durable));
        return durable.Task;
    }

    private void EndBatch()
    {
        if (--t_batchDepth > 0 || t_batch is not { Count: > 0 } batch)
            return;
        var held = batch.ToArray();
        batch.Clear();
        foreach (var (domainEvent, durable) in held)
        {
            Observe(durable.Task);
            _ = ForwardAsync(EmitNow(domainEvent), durable);
        }
    }

    private static async Task ForwardAsync(Task<EventEnvelope> from, TaskCompletionSource<EventEnvelope> to)
    {
        try
        {
            to.TrySetResult(await from.ConfigureAwait(false));
        }
        catch (Exception e)
        {
            to.TrySetException(e);
        }
    }

    private Task<EventEnvelope> EmitNow(DomainEvent domainEvent)
    {
        var append = Append(domainEvent);
        if (append.IsCompletedSuccessfully)
        {
            var envelope = append.Result;
            dispatcher.Publish(new AppendedEvent(envelope, domainEvent));
            return Task.FromResult(envelope);
        }
        var durable = CompleteAsync(domainEvent, append);
        Observe(durable);
        return durable;
    }

    // Observed here, so an emitter that does not await (a door) never leaves an unobserved exception behind.
    private static void Observe(Task task) =>
        _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private async Task<EventEnvelope> CompleteAsync(DomainEvent domainEvent, ValueTask<EventEnvelope> append)
    {
        while (true)
        {
            try
            {
                var envelope = await append.ConfigureAwait(false);
                dispatcher.Publish(new AppendedEvent(envelope, domainEvent));
                return envelope;
            }
            catch (EventNotDurableException e) when (e.HeldInMemory)
            {
                logger.LogWarning("{Type} is not durable yet: {Reason}", domainEvent.Type, e.Message);
                throw;
            }
            catch (ObjectDisposedException)
            {
                logger.LogWarning("{Type} was emitted after the outbox closed (the service is stopping); it is not recorded", domainEvent.Type);
                throw;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Appending {Type} failed; retrying", domainEvent.Type);
            }
            await Task.Delay(RetryInterval, time).ConfigureAwait(false);
            append = Append(domainEvent);
        }
    }

    // An outbox that throws instead of returning a faulted task (a closed outbox) is handled like one that faults.
    private ValueTask<EventEnvelope> Append(DomainEvent domainEvent)
    {
        try
        {
            return outbox.AppendAsync(domainEvent);
        }
        catch (Exception e)
        {
            return ValueTask.FromException<EventEnvelope>(e);
        }
    }

    private sealed class BatchEnd(EventPipeline pipeline) : IDisposable
    {
        private bool _ended;

        public void Dispose()
        {
            if (_ended)
                return;
            _ended = true;
            pipeline.EndBatch();
        }
    }
}
