using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Mqtt;
using Mailroom.Edge.Testing;
using Xunit;
using static Mailroom.Edge.Mqtt.Tests.MqttTestSettings;

namespace Mailroom.Edge.Mqtt.Tests;

/// <summary>The last will: sent by the broker when the connection drops uncleanly, not after a clean stop.</summary>
public sealed class MosquittoWillTests
{
    private static readonly MqttWill Will = new("edge/status", "offline"u8.ToArray(), Qos: 1, Retain: false);

    [Fact]
    public async Task Severed_connection_makes_the_broker_publish_the_will_and_the_transport_reconnects()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, "edge/status", Patience);
        await using var relay = new TcpRelay(broker.Port);
        await using var transport = await ConnectedAsync(For(relay.Port, will: Will));

        relay.Sever();

        var will = await subscriber.WaitForAsync(m => m.Topic == "edge/status", Patience);
        Assert.Equal("offline"u8.ToArray(), will.Payload);
        await transport.NextAsync<MqttDisconnected>(Patience);
        await transport.NextAsync<MqttConnected>(Patience);
    }

    [Fact]
    public async Task Clean_stop_does_not_publish_the_will()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, "edge/status", Patience);
        var settings = For(broker.Port, will: Will);
        await using var transport = new MosquittoTransport(settings);
        transport.Start();
        await transport.NextAsync<MqttConnected>(Patience);
        var disconnected = broker.WaitForLogAsync($"Client {settings.ClientId} disconnected.", Patience);

        await transport.StopAsync().WaitAsync(Patience);
        await disconnected;
        subscriber.Transport.Publish("edge/status", "marker"u8, 1, false);

        // The broker handled the DISCONNECT before logging it, so a will would reach the subscriber before the marker.
        await subscriber.WaitForAsync(m => m.Payload.AsSpan().SequenceEqual("marker"u8), Patience);
        Assert.DoesNotContain(subscriber.Messages, m => m.Payload.AsSpan().SequenceEqual("offline"u8));
    }
}
