using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Core.Telemetry;

/// <summary>
/// The publisher's connection as its parts see it: whether it is up, how many CONNACKs there have been (an in-flight
/// message published on an earlier one may need publishing again), since when, and the retained status message
/// (<c>{root}/status</c>) sent online on every connect and offline on a clean stop. Only the publisher's loop uses it.
/// </summary>
public sealed class BrokerSession(IMqttTransport transport, DeviceIdentity device, long boot, TimeProvider time)
{
    public IMqttTransport Transport => transport;

    public DeviceIdentity Device => device;

    public long Boot => boot;

    public TimeProvider Time => time;

    /// <summary>Connection state and counters, for health and tests.</summary>
    public OutboxPublisherState State { get; } = new();

    public bool Connected { get; private set; }

    /// <summary>CONNACKs so far: the connection a message was published on.</summary>
    public int Connection { get; private set; }

    /// <summary>When the latest CONNACK arrived (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    public long ConnectedAt { get; private set; }

    /// <summary>How long ago the latest CONNACK arrived.</summary>
    public TimeSpan ConnectedFor => time.GetElapsedTime(ConnectedAt);

    /// <summary>How long the connection has been up; zero while it is believed down.</summary>
    public TimeSpan SinceConnected => Connected ? ConnectedFor : TimeSpan.Zero;

    public void OnConnected()
    {
        Connected = true;
        Connection++;
        ConnectedAt = time.GetTimestamp();
        State.OnConnected(time.GetUtcNow());
        TryPublish(device.StatusTopic, EventSerializer.Status(true, boot, time.GetUtcNow()), retain: true);
    }

    public void OnDisconnected(MqttDisconnected disconnected)
    {
        Connected = false;
        State.OnDisconnected(disconnected.Reason);
    }

    /// <summary>A publish found the connection gone; its disconnect signal is on its way.</summary>
    public void Lost() => Connected = false;

    /// <summary>Publishes <c>offline</c> on the status topic (retained) and returns its message id.</summary>
    public int PublishOffline() =>
        transport.Publish(device.StatusTopic, EventSerializer.Status(false, boot, time.GetUtcNow()), qos: 1, retain: true);

    /// <summary>Publishes a message that is not tracked: a status or health message lost with the connection is replaced
    /// by the next one.</summary>
    public bool TryPublish(string topic, byte[] payload, bool retain)
    {
        try
        {
            transport.Publish(topic, payload, qos: 1, retain);
            return true;
        }
        catch (MqttTransportException e) when (e.NotConnected)
        {
            Connected = false;
            return false;
        }
    }
}
