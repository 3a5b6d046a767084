using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Benchmarks.Mqtt;

/// <summary>
/// <c>mqtt.compare.*</c>: the libmosquitto transport (<see cref="MqttRawPublishBenchmark"/>) against MQTTnet 5
/// (<see cref="MqttnetPublishLoop"/>) in one run, on one private loopback mosquitto, QoS 1, MQTT 5, the same window of
/// unacknowledged messages, capped by the broker's Receive Maximum (mosquitto 2.0 sends 20). Rounds alternate which client goes first so machine noise hits both; each figure is the
/// median of the rounds, every round is in the context. The record behind docs/dependencies.md.
/// </summary>
public sealed class MqttClientComparisonBenchmark : IBenchmark
{
    private const int Messages = 20_000;
    private const int WarmUpMessages = 2_000;
    private const int PayloadBytes = 300;
    private const int Window = 100;
    private const int Rounds = 5;

    public IReadOnlyList<string> Names =>
    [
        "mqtt.compare.libmosquitto_publish_per_s", "mqtt.compare.mqttnet_publish_per_s", "mqtt.compare.mqttnet_rate_ratio",
        "mqtt.compare.libmosquitto_cpu_us_per_msg", "mqtt.compare.mqttnet_cpu_us_per_msg", "mqtt.compare.mqttnet_cpu_ratio",
        "mqtt.compare.libmosquitto_alloc_bytes_per_msg", "mqtt.compare.mqttnet_alloc_bytes_per_msg", "mqtt.compare.mqttnet_alloc_ratio",
    ];

    public async Task<IReadOnlyList<BenchmarkFigure>> RunAsync()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        Task<double> Libmosquitto(int count) => MqttRawPublishBenchmark.RunAsync(broker.Host, broker.Port, count, PayloadBytes);
        Task<double> Mqttnet(int count) => MqttnetPublishLoop.RunAsync(broker.Host, broker.Port, count, PayloadBytes, Window);

        // JIT and first-connection costs are paid here, not in the rounds.
        await Libmosquitto(WarmUpMessages);
        await Mqttnet(WarmUpMessages);

        var libmosquitto = new List<PublishRound>();
        var mqttnet = new List<PublishRound>();
        for (var round = 0; round < Rounds; round++)
        {
            Console.Error.WriteLine($"  round {round + 1}/{Rounds}");
            if (round % 2 == 0)
            {
                libmosquitto.Add(await PublishRound.MeasureAsync(() => Libmosquitto(Messages), Messages));
                mqttnet.Add(await PublishRound.MeasureAsync(() => Mqttnet(Messages), Messages));
            }
            else
            {
                mqttnet.Add(await PublishRound.MeasureAsync(() => Mqttnet(Messages), Messages));
                libmosquitto.Add(await PublishRound.MeasureAsync(() => Libmosquitto(Messages), Messages));
            }
        }

        return
        [
            .. Figures("publish_per_s", "msg/s", r => r.PerSecond, libmosquitto, mqttnet, "rate"),
            .. Figures("cpu_us_per_msg", "us", r => r.CpuUsPerMessage, libmosquitto, mqttnet, "cpu"),
            .. Figures("alloc_bytes_per_msg", "B", r => r.AllocatedBytesPerMessage, libmosquitto, mqttnet, "alloc"),
        ];
    }

    private static IEnumerable<BenchmarkFigure> Figures(string metric, string unit, Func<PublishRound, double> value,
        List<PublishRound> libmosquitto, List<PublishRound> mqttnet, string ratioName)
    {
        var context = new Dictionary<string, object>
        {
            ["messages"] = Messages, ["payload_bytes"] = PayloadBytes, ["qos"] = 1, ["mqtt"] = 5, ["window"] = Window,
            ["in_flight"] = "min(window, broker Receive Maximum), both clients",
            ["broker"] = "mosquitto on loopback, same run",
        };
        var ratios = libmosquitto.Zip(mqttnet, (l, m) => value(m) / value(l)).ToArray();
        yield return Figure($"mqtt.compare.libmosquitto_{metric}", unit, libmosquitto.Select(value).ToArray(), context);
        yield return Figure($"mqtt.compare.mqttnet_{metric}", unit, mqttnet.Select(value).ToArray(), context);
        yield return Figure($"mqtt.compare.mqttnet_{ratioName}_ratio", "x libmosquitto", ratios, context);
    }

    private static BenchmarkFigure Figure(string name, string unit, double[] rounds, Dictionary<string, object> context) =>
        new(name, Percentiles.Of(rounds, 50), unit, new Dictionary<string, object>(context)
        {
            ["rounds"] = rounds.Select(r => Math.Round(r, 3)).ToArray(),
            ["min"] = Math.Round(rounds.Min(), 3),
            ["max"] = Math.Round(rounds.Max(), 3),
        });
}
