using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Benchmarks.Mqtt;

/// <summary><c>mqtt.raw_publish_per_s</c>: QoS 1 publishes acknowledged per second by a private loopback mosquitto,
/// through the libmosquitto transport alone (no outbox): the ceiling the outbox drain is compared with.</summary>
public sealed class MqttRawPublishThroughputBenchmark : IBenchmark
{
    private const int Messages = 20_000;
    private const int PayloadBytes = 300;

    public IReadOnlyList<string> Names => ["mqtt.raw_publish_per_s"];

    public async Task<IReadOnlyList<BenchmarkFigure>> RunAsync()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var perSecond = await MqttRawPublishBenchmark.RunAsync(broker.Host, broker.Port, Messages, PayloadBytes);
        return [new BenchmarkFigure("mqtt.raw_publish_per_s", perSecond, "msg/s",
            new Dictionary<string, object> { ["messages"] = Messages, ["payload_bytes"] = PayloadBytes, ["qos"] = 1 })];
    }
}
