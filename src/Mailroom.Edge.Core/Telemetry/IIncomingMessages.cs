using System.Threading.Channels;

namespace Mailroom.Edge.Core.Telemetry;

/// <summary>
/// Where a component asks for the MQTT messages it consumes (credential sync, commands). A registration subscribes to
/// the topic filter and returns a channel of its own, so a slow consumer never holds up the publisher's loop nor
/// another consumer. Register before the transport connects, or at any time: the subscription is (re)sent on every
/// CONNACK.
/// </summary>
public interface IIncomingMessages
{
    /// <summary>Subscribes to <paramref name="topicFilter"/> (MQTT wildcards <c>+</c> and <c>#</c> allowed) and returns
    /// the messages that match it, in arrival order. <paramref name="capacity"/> bounds the queue (the oldest message is
    /// dropped when it is full, and counted); null leaves it unbounded, for consumers that must not lose a message and
    /// whose producer paces itself.</summary>
    ChannelReader<MqttMessageReceived> Register(string topicFilter, int qos, int? capacity = 256);
}
