using System.Diagnostics;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Mqtt;

namespace Mailroom.Edge.Testing;

/// <summary>
/// Raw QoS 1 publish throughput through <see cref="MosquittoTransport"/>: messages acknowledged (PUBACK) per second,
/// with a bounded window of unacknowledged messages so memory stays flat however large <c>count</c> is.
/// </summary>
public static class MqttRawPublishBenchmark
{
    private const int Window = 100;

    public static async Task<double> RunAsync(string host, int port, int count, int payloadSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        await using var transport = new MosquittoTransport(new MqttConnectionSettings
        {
            Host = host,
            Port = port,
            ClientId = $"bench-{Guid.NewGuid():N}",
            MaxInflight = Window,
        });
        var timeout = TimeSpan.FromSeconds(30);
        transport.Start();
        await transport.NextAsync<MqttConnected>(timeout);

        var payload = new byte[payloadSize];
        Random.Shared.NextBytes(payload);
        var clock = Stopwatch.StartNew();
        int sent = 0, acknowledged = 0;
        while (acknowledged < count)
        {
            for (; sent < count && sent - acknowledged < Window; sent++)
            {
                transport.Publish("bench/raw", payload, qos: 1, retain: false);
            }

            var ack = await transport.NextAsync<MqttPublishAcknowledged>(timeout);
            if (!ack.Succeeded)
            {
                throw new MqttTransportException($"broker refused message {ack.MessageId} with reason 0x{ack.ReasonCode:X2}");
            }

            acknowledged++;
        }

        return count / clock.Elapsed.TotalSeconds;
    }
}
