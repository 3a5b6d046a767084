using System.Buffers;
using System.Diagnostics;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Mailroom.Edge.Benchmarks.Mqtt;

/// <summary>
/// The loop of <see cref="Mailroom.Edge.Testing.MqttRawPublishBenchmark"/> written against MQTTnet 5: QoS 1 publishes
/// over MQTT 5, a window of at most <c>window</c> unacknowledged messages, one new message per publish (as the outbox
/// would build it); returns messages acknowledged (PUBACK) per second. MQTTnet does not hold itself to the broker's
/// Receive Maximum (libmosquitto does), so the loop does, as a transport built on MQTTnet would have to: both clients
/// then keep the same number of messages in flight.
/// </summary>
public static class MqttnetPublishLoop
{
    public static async Task<double> RunAsync(string host, int port, int count, int payloadSize, int window)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId($"bench-mqttnet-{Guid.NewGuid():N}")
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart()
            .Build();
        var connected = await client.ConnectAsync(options, timeout.Token);
        window = Math.Min(window, connected.ReceiveMaximum is > 0 and var receiveMaximum ? receiveMaximum : ushort.MaxValue);

        var payload = new byte[payloadSize];
        Random.Shared.NextBytes(payload);
        var pending = new Queue<Task<MqttClientPublishResult>>(window);
        var clock = Stopwatch.StartNew();
        int sent = 0, acknowledged = 0;
        while (acknowledged < count)
        {
            for (; sent < count && pending.Count < window; sent++)
            {
                var message = new MqttApplicationMessage
                {
                    Topic = "bench/raw",
                    Payload = new ReadOnlySequence<byte>(payload),
                    QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
                };
                pending.Enqueue(client.PublishAsync(message, timeout.Token));
            }

            var result = await pending.Dequeue();
            if (!result.IsSuccess)
            {
                throw new InvalidOperationException($"broker refused message {result.PacketIdentifier} with reason {result.ReasonCode}");
            }

            acknowledged++;
        }

        var perSecond = count / clock.Elapsed.TotalSeconds;
        await client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token);
        return perSecond;
    }
}
