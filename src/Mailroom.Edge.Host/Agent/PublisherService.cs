using Mailroom.Edge.Core.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Host.Agent;

/// <summary>Runs the <see cref="OutboxPublisher"/> for the life of the host and ends the MQTT session cleanly.</summary>
public sealed class PublisherService(OutboxPublisher publisher, ILogger<PublisherService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
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
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await publisher.StopAsync(TimeSpan.FromSeconds(2));
    }
}
