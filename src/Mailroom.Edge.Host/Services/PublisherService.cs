using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Host.Health;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Host.Services;

/// <summary>Runs the <see cref="OutboxPublisher"/> for the life of the host and ends the MQTT session cleanly.</summary>
public sealed class PublisherService(OutboxPublisher publisher, LoopHeartbeats heartbeats, ILogger<PublisherService> logger) : BackgroundService
{
    // The publisher's loop lives in Core and offers no per-item hook yet, so its heartbeat judges only that the loop
    // still runs: a publisher that returned early would otherwise leave events piling up behind a healthy watchdog.
    private readonly LoopHeartbeat _heartbeat = heartbeats.Register("publisher", TimeSpan.FromSeconds(30));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _heartbeat.MarkReady();
        try
        {
            await publisher.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception e)
        {
            logger.LogCritical(e, "The MQTT publisher failed; events stay in the outbox");
            throw;
        }
        finally
        {
            _heartbeat.MarkEnded();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await publisher.StopAsync(TimeSpan.FromSeconds(2));
    }
}
