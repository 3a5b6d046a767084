using System.Collections.Immutable;
using System.Threading.Channels;
using Mailroom.Edge.Core.Commands;

namespace Mailroom.Edge.Core.Telemetry;

/// <summary>
/// Where every received MQTT message goes: the publisher's single signal loop hands each one over with how long its
/// connection had been up, and it is posted, without waiting, to each registration whose filter matches and, on the
/// command topics, to the command queue stamped with that age (the clock rule needs it). A full command queue drops the
/// message and counts it (the command loop reports the count), so a flood of commands can never stall event delivery.
/// </summary>
public sealed class InboundRouter : IIncomingMessages
{
    private readonly IMqttTransport _transport;
    private readonly string? _commandFilter;
    private readonly Channel<IncomingCommand> _commands;
    private ImmutableArray<(string Filter, Channel<MqttMessageReceived> Channel)> _routes = [];
    private long _unrouted;
    private long _dropped;
    private long _droppedCommands;

    /// <param name="transport">Where registrations subscribe.</param>
    /// <param name="commandFilter">The command topics (<see cref="CommandProcessor.TopicFilter"/>); null when commands are
    /// off. Not subscribed here: the command service subscribes with its own options.</param>
    /// <param name="commandCapacity">Commands queued at most.</param>
    public InboundRouter(IMqttTransport transport, string? commandFilter = null, int commandCapacity = 256)
    {
        _transport = transport;
        _commandFilter = commandFilter;
        _commands = Channel.CreateBounded<IncomingCommand>(
            new BoundedChannelOptions(commandCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true, SingleWriter = true });
    }

    /// <summary>Messages that matched no registration (e.g. a retained message on a topic nobody consumes any more).</summary>
    public long Unrouted => Interlocked.Read(ref _unrouted);

    /// <summary>Messages lost because a bounded registration was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>The messages on the command topics, in arrival order.</summary>
    public ChannelReader<IncomingCommand> Commands => _commands.Reader;

    public ChannelReader<MqttMessageReceived> Register(string topicFilter, int qos, int? capacity = 256)
    {
        ArgumentException.ThrowIfNullOrEmpty(topicFilter);
        var options = new UnboundedChannelOptions { SingleReader = true, SingleWriter = true };
        var channel = capacity is { } bound
            ? Channel.CreateBounded<MqttMessageReceived>(new BoundedChannelOptions(bound) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true }, _ => Interlocked.Increment(ref _dropped))
            : Channel.CreateUnbounded<MqttMessageReceived>(options);
        ImmutableInterlocked.Update(ref _routes, routes => routes.Add((topicFilter, channel)));
        _transport.Subscribe(topicFilter, qos);
        return channel.Reader;
    }

    /// <summary>Posts <paramref name="message"/> to every matching registration and, on a command topic, to the command
    /// queue; never blocks.</summary>
    /// <param name="message">The message as the transport delivered it.</param>
    /// <param name="sinceConnected">How long the connection it arrived on had been up (monotonic time; zero if the
    /// publisher believes it is disconnected).</param>
    public void Route(MqttMessageReceived message, TimeSpan sinceConnected)
    {
        ArgumentNullException.ThrowIfNull(message);
        var routed = false;
        foreach (var (filter, channel) in _routes)
        {
            if (MqttTopicFilter.Matches(filter, message.Topic))
            {
                channel.Writer.TryWrite(message);
                routed = true;
            }
        }
        if (_commandFilter is not null && MqttTopicFilter.Matches(_commandFilter, message.Topic))
        {
            routed = true;
            var command = new IncomingCommand(message.Topic, message.Payload, message.Retained, sinceConnected, message.ResponseTopic, message.CorrelationData, message.Receipt);
            if (!_commands.Writer.TryWrite(command))
                Interlocked.Increment(ref _droppedCommands);
        }
        if (!routed)
            Interlocked.Increment(ref _unrouted);
    }

    /// <summary>How many command messages were dropped since the last call.</summary>
    public long TakeDroppedCommands() => Interlocked.Exchange(ref _droppedCommands, 0);
}
