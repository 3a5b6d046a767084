using System.Collections.Immutable;
using System.Threading.Channels;

namespace Mailroom.Edge.Core.Telemetry;

/// <summary>
/// The <see cref="IIncomingMessages"/> behind the <see cref="OutboxPublisher"/>: the publisher's single signal loop
/// hands it every received message and it posts a copy to each registration whose filter matches, without waiting.
/// </summary>
public sealed class IncomingMessageRouter(IMqttTransport transport) : IIncomingMessages
{
    private ImmutableArray<(string Filter, Channel<MqttMessageReceived> Channel)> _routes = [];
    private long _unrouted;
    private long _dropped;

    /// <summary>Messages that matched no registration (e.g. a retained message on a topic nobody consumes any more).</summary>
    public long Unrouted => Interlocked.Read(ref _unrouted);

    /// <summary>Messages lost because a bounded registration was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public ChannelReader<MqttMessageReceived> Register(string topicFilter, int qos, int? capacity = 256)
    {
        ArgumentException.ThrowIfNullOrEmpty(topicFilter);
        var options = new UnboundedChannelOptions { SingleReader = true, SingleWriter = true };
        var channel = capacity is { } bound
            ? Channel.CreateBounded<MqttMessageReceived>(new BoundedChannelOptions(bound) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true }, _ => Interlocked.Increment(ref _dropped))
            : Channel.CreateUnbounded<MqttMessageReceived>(options);
        ImmutableInterlocked.Update(ref _routes, routes => routes.Add((topicFilter, channel)));
        transport.Subscribe(topicFilter, qos);
        return channel.Reader;
    }

    /// <summary>Posts <paramref name="message"/> to every matching registration; never blocks.</summary>
    public void Route(MqttMessageReceived message)
    {
        var routed = false;
        foreach (var (filter, channel) in _routes)
        {
            if (MqttTopicFilter.Matches(filter, message.Topic))
            {
                channel.Writer.TryWrite(message);
                routed = true;
            }
        }
        if (!routed)
            Interlocked.Increment(ref _unrouted);
    }
}
