using System.Text;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Testing;
using Xunit;
using static Mailroom.Edge.Mqtt.Tests.MqttTestSettings;

namespace Mailroom.Edge.Mqtt.Tests;

/// <summary>The transport when the connection is not there: broker down at start, broker restart, in-flight resend.</summary>
public sealed class MosquittoTransportConnectionTests
{
    [Fact]
    public async Task Broker_down_at_start_is_retried_until_the_broker_starts()
    {
        var port = FreeTcpPort.Next();
        await using var transport = new MosquittoTransport(For(port));
        transport.Start();
        await transport.NextAsync<MqttDisconnected>(Patience);

        await using var broker = await MosquittoBroker.StartAsync(port);

        await transport.NextAsync<MqttConnected>(Patience);
        var id = transport.Publish("t", "x"u8, 1, false);
        await transport.NextAsync<MqttPublishAcknowledged>(Patience, a => a.MessageId == id);
    }

    [Fact]
    public async Task Publish_while_disconnected_is_refused_with_NotConnected_and_never_sent_later()
    {
        var port = FreeTcpPort.Next();
        await using var transport = new MosquittoTransport(For(port));
        transport.Start();
        await transport.NextAsync<MqttDisconnected>(Patience);

        var refused = Assert.Throws<MqttTransportException>(() => transport.Publish("t/refused", "refused"u8, 1, false));
        Assert.True(refused.NotConnected);

        await using var broker = await MosquittoBroker.StartAsync(port);
        await using var subscriber = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, "t/#", Patience);
        await transport.NextAsync<MqttConnected>(Patience);
        transport.Publish("t/marker", "marker"u8, 1, false);

        // Messages from one connection arrive in order, so a refused-but-queued message would precede the marker.
        await subscriber.WaitForAsync(m => m.Topic == "t/marker", Patience);
        Assert.DoesNotContain(subscriber.Messages, m => m.Topic == "t/refused");
    }

    [Fact]
    public async Task Broker_restart_signals_disconnected_then_connected_and_publishing_works_again()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var transport = await ConnectedAsync(For(broker.Port));

        await broker.StopAsync();
        var lost = await transport.NextAsync<MqttDisconnected>(Patience);
        Assert.NotEqual(0, lost.ReasonCode);
        await broker.RestartAsync();
        await transport.NextAsync<MqttConnected>(Patience);

        var id = transport.Publish("t", "again"u8, 1, false);
        var ack = await transport.NextAsync<MqttPublishAcknowledged>(Patience);
        Assert.Equal(id, ack.MessageId);
    }

    [Fact]
    public async Task Unacknowledged_qos1_messages_are_resent_after_reconnect_with_clean_start()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var transport = await ConnectedAsync(For(broker.Port));

        broker.Freeze();
        var ids = Enumerable.Range(0, 5).Select(i => transport.Publish("t", Encoding.UTF8.GetBytes($"m{i}"), 1, false)).ToHashSet();
        broker.Kill();
        await transport.NextAsync<MqttDisconnected>(Patience);
        await broker.RestartAsync();
        await transport.NextAsync<MqttConnected>(Patience);

        var acknowledged = new HashSet<int>();
        while (!ids.IsSubsetOf(acknowledged))
        {
            acknowledged.Add((await transport.NextAsync<MqttPublishAcknowledged>(Patience)).MessageId);
        }
    }
}
