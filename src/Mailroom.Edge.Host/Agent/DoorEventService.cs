using Mailroom.Edge.Core.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Host.Agent;

/// <summary>Appends the door controllers' queued events to the outbox, in order; a failed append is logged and retried.</summary>
public sealed class DoorEventService(DoorEventQueue queue, IEventSink events, ILogger<DoorEventService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var domainEvent in queue.Reader.ReadAllAsync(stoppingToken))
            {
                while (true)
                {
                    try
                    {
                        await events.AppendAsync(domainEvent, stoppingToken);
                        break;
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        logger.LogError(e, "Appending {Type} failed; retrying", domainEvent.Type);
                        await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
