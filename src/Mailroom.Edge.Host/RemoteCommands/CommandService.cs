using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Host.Health;
using Mailroom.Edge.Storage.Commands;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Host.RemoteCommands;

/// <summary>
/// Subscribes to <c>{root}/cmd/+</c> and runs the command loop: one command at a time from the
/// <see cref="InboundRouter"/>'s command queue through the <see cref="CommandProcessor"/>. A fault on one command is logged and the loop
/// goes on; the processor has already answered it. Before the first one, the commands an earlier run received but never
/// answered are answered (<see cref="CommandRecovery"/>); each command's inbox record is marked once its result is durable.
/// </summary>
public sealed class CommandService(
    InboundRouter inbound,
    CommandProcessor processor,
    CommandRecovery recovery,
    SqliteCommandInbox inbox,
    IMqttTransport transport,
    DeviceIdentity device,
    LoopHeartbeats heartbeats,
    ILogger<CommandService> logger) : BackgroundService
{
    private readonly LoopHeartbeat _heartbeat = heartbeats.Register("commands", TimeSpan.FromSeconds(30));

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Remembered by the transport and renewed on every CONNACK (clean start forgets subscriptions on the broker).
        // Retain As Published: without it the broker clears the retain flag of a command published with retain=true to a
        // connected agent, and the processor could not refuse it (only the stored copy sent at subscribe time is flagged).
        transport.Subscribe(CommandProcessor.TopicFilter(device), qos: 1, MqttSubscriptionOptions.RetainAsPublished);
        _heartbeat.MarkReady();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            using (_heartbeat.Busy())
                await recovery.RecoverAsync(stoppingToken);
            await foreach (var incoming in inbound.Commands.ReadAllAsync(stoppingToken))
            {
                using var busy = _heartbeat.Busy();
                try
                {
                    var outcome = await processor.ProcessAsync(incoming, stoppingToken);
                    if (incoming.Receipt is { } receipt)
                        inbox.MarkAnswered(receipt);
                    if (outcome.Status == CommandStatus.Accepted)
                        logger.LogInformation("Command on {Topic} accepted: {Detail}", incoming.Topic, outcome.Detail);
                    else
                        logger.LogWarning("Command on {Topic} {Status} ({Reason}): {Detail}", incoming.Topic, outcome.Status, outcome.Reason, outcome.Detail);
                    if (inbound.TakeDroppedCommands() is > 0 and var dropped)
                        await processor.ReportDroppedAsync(dropped, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Command on {Topic}: processing failed; the command loop keeps running", incoming.Topic);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            _heartbeat.MarkEnded();
        }
    }
}
