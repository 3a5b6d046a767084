using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Storage.Commands;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Host.RemoteCommands;

/// <summary>
/// Records every command message in the <see cref="SqliteCommandInbox"/> before the transport acknowledges it, so a
/// command the broker has handed over is answered even if the agent dies before running it (docs/mqtt.md, "Delivery").
/// Other topics pass untouched.
/// </summary>
public sealed class CommandReceiptGate(SqliteCommandInbox inbox, DeviceIdentity device, TimeProvider time, ILogger<CommandReceiptGate> logger)
    : IAcknowledgementGate
{
    private readonly string _filter = CommandProcessor.TopicFilter(device);

    public MqttMessageReceived? BeforeAcknowledge(MqttMessageReceived message)
    {
        if (!MqttTopicFilter.Matches(_filter, message.Topic))
            return message;
        try
        {
            return inbox.Record(message.Topic, message.Payload, message.Retained, message.ResponseTopic, message.CorrelationData, time.GetUtcNow())
                is { } receipt
                ? message with { Receipt = receipt }
                : null;
        }
        catch (Exception e)
        {
            // Better answered without the crash guarantee than not at all (a full disk is reported by the outbox).
            logger.LogError(e, "Command on {Topic} could not be recorded before its acknowledgement; it is processed unrecorded", message.Topic);
            return message;
        }
    }
}
