using System.Threading.Channels;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;

namespace Mailroom.Edge.Core.Commands;

/// <summary>
/// Where the publisher's loop hands incoming messages: a bounded queue written without blocking, read by the
/// command loop. When the queue is full a message is dropped and counted (the command loop reports the count), so a
/// flood of commands can never stall event delivery. Only messages on the command topics are taken: the publisher hands
/// over every message it receives, and a credential snapshot chunk is not a command to refuse (once per chunk).
/// </summary>
public sealed class CommandIntake(DeviceIdentity device, int capacity = 256) : IIncomingMessageHandler
{
    private readonly string _filter = CommandProcessor.TopicFilter(device);

    private readonly Channel<IncomingCommand> _queue = Channel.CreateBounded<IncomingCommand>(
        new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true, SingleWriter = true });
    private long _dropped;

    public ChannelReader<IncomingCommand> Reader => _queue.Reader;

    public void Accept(MqttMessageReceived message, TimeSpan sinceConnected)
    {
        if (!MqttTopicFilter.Matches(_filter, message.Topic))
            return;
        var command = new IncomingCommand(message.Topic, message.Payload, message.Retained, sinceConnected, message.ResponseTopic, message.CorrelationData, message.Receipt);
        if (!_queue.Writer.TryWrite(command))
            Interlocked.Increment(ref _dropped);
    }

    /// <summary>How many messages were dropped since the last call.</summary>
    public long TakeDropped() => Interlocked.Exchange(ref _dropped, 0);
}
