using System.Text;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Testing;
using Xunit;
using static Mailroom.Edge.Mqtt.Tests.MqttTestSettings;

namespace Mailroom.Edge.Mqtt.Tests;

/// <summary>The libmosquitto transport against a real private mosquitto broker: connect, QoS 1, retain, version 3.1.1.</summary>
public sealed class MosquittoTransportTests
{
    [Theory]
    [InlineData(5)]
    [InlineData(4)]
    public async Task Qos1_publish_is_acknowledged_with_the_returned_id_and_delivered_exactly(int protocolVersion)
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, "door/#", Patience);
        await using var transport = await ConnectedAsync(For(broker.Port, protocolVersion));

        var payload = Encoding.UTF8.GetBytes($"{{\"event\":\"granted\",\"v\":{protocolVersion}}}");
        var id = transport.Publish("door/1/events", payload, qos: 1, retain: false);

        var ack = await transport.NextAsync<MqttPublishAcknowledged>(Patience);
        Assert.Equal(id, ack.MessageId);
        Assert.True(ack.ReasonCode < 0x80);
        var received = await subscriber.WaitForAsync(m => m.Topic == "door/1/events", Patience);
        Assert.Equal(payload, received.Payload);
        Assert.False(received.Retained);
    }

    [Fact]
    public async Task Retained_message_is_delivered_to_a_later_subscriber()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var transport = await ConnectedAsync(For(broker.Port));
        var id = transport.Publish("door/1/state", "locked"u8, qos: 1, retain: true);
        await transport.NextAsync<MqttPublishAcknowledged>(Patience, a => a.MessageId == id);

        await using var subscriber = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, "door/1/state", Patience);

        var received = await subscriber.WaitForAsync(m => m.Topic == "door/1/state", Patience);
        Assert.Equal("locked"u8.ToArray(), received.Payload);
        Assert.True(received.Retained);
    }

    [Fact]
    public async Task Subscription_delivers_messages_to_the_signal_channel()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var transport = new MosquittoTransport(For(broker.Port));
        transport.Subscribe("cmd/#", qos: 1);
        transport.Start();
        await transport.NextAsync<MqttSubscribed>(Patience);

        transport.Publish("cmd/unlock", [1, 2, 0, 255], qos: 1, retain: false);

        var message = await transport.NextAsync<MqttMessageReceived>(Patience);
        Assert.Equal("cmd/unlock", message.Topic);
        Assert.Equal(new byte[] { 1, 2, 0, 255 }, message.Payload);
    }

    [Fact]
    public async Task Retain_as_published_keeps_the_retain_flag_of_a_live_delivery_on_both_subscribe_paths()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var transport = new MosquittoTransport(For(broker.Port));
        // Before the connection: sent by the renewal on CONNACK. After it: sent at once.
        transport.Subscribe("cmd/+", qos: 1, MqttSubscriptionOptions.RetainAsPublished);
        transport.Subscribe("plain/+", qos: 1);
        transport.Start();
        await transport.NextAsync<MqttSubscribed>(Patience);
        await transport.NextAsync<MqttSubscribed>(Patience);
        transport.Subscribe("alarm/+", qos: 1, MqttSubscriptionOptions.RetainAsPublished);
        await transport.NextAsync<MqttSubscribed>(Patience);

        foreach (var topic in new[] { "cmd/unlock", "alarm/panic", "plain/state" })
            transport.Publish(topic, "x"u8, qos: 1, retain: true);
        var received = new Dictionary<string, bool>();
        while (received.Count < 3)
        {
            var message = await transport.NextAsync<MqttMessageReceived>(Patience);
            received[message.Topic] = message.Retained;
        }

        Assert.Equal(new Dictionary<string, bool> { ["cmd/unlock"] = true, ["alarm/panic"] = true, ["plain/state"] = false }, received);
    }

    [Fact]
    public async Task Stop_is_idempotent_and_publish_after_stop_is_refused()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var transport = new MosquittoTransport(For(broker.Port));
        transport.Start();
        await transport.NextAsync<MqttConnected>(Patience);

        await transport.StopAsync().WaitAsync(Patience);
        await transport.StopAsync().WaitAsync(Patience);

        Assert.True(Assert.Throws<MqttTransportException>(() => transport.Publish("t", "x"u8, 1, false)).NotConnected);
        await transport.DisposeAsync();
        await transport.DisposeAsync();
    }

    [Fact]
    public void Library_version_is_at_least_2_0()
    {
        Assert.True(MosquittoLibrary.Version >= new Version(2, 0, 0), MosquittoLibrary.Version.ToString());
    }
}
