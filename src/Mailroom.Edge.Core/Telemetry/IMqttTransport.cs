using System.Threading.Channels;

namespace Mailroom.Edge.Core.Telemetry;

/// <summary>
/// The port to the MQTT broker (libmosquitto in production). The transport owns its network thread and reconnects by
/// itself; everything it learns (connected, disconnected, PUBACK, incoming message) arrives in order on
/// <see cref="Signals"/>, so a single consumer can correlate a publish with its acknowledgement without locks.
/// </summary>
public interface IMqttTransport : IAsyncDisposable
{
    ChannelReader<MqttSignal> Signals { get; }

    /// <summary>Starts the network thread and the first connection attempt; returns at once. Failures to connect are
    /// reported as <see cref="MqttDisconnected"/> signals and retried with backoff.</summary>
    void Start();

    /// <summary>Queues a message and returns its packet id; the broker's acknowledgement of a QoS 1 message arrives later
    /// as <see cref="MqttPublishAcknowledged"/> with the same id.</summary>
    /// <exception cref="MqttTransportException">The client refused the message (not connected, too large, bad topic).</exception>
    int Publish(string topic, ReadOnlySpan<byte> payload, int qos, bool retain);

    /// <summary>Subscribes to a topic filter; messages arrive as <see cref="MqttMessageReceived"/>. The filter and its
    /// options are remembered and subscribed again on every connection. <paramref name="options"/> apply on MQTT 5 only.</summary>
    void Subscribe(string topicFilter, int qos, MqttSubscriptionOptions options = MqttSubscriptionOptions.None);

    /// <summary>The topic filters subscribed so far: on each connection, the broker acknowledges this many.</summary>
    int SubscriptionCount { get; }

    /// <summary>Disconnects cleanly (the broker does not send the will) and stops the network thread.</summary>
    Task StopAsync();
}
