using Mailroom.Edge.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Mailroom.Edge.Mqtt.Tests;

/// <summary>Keeps the raw publish benchmark working and prints its figure (it asserts no speed).</summary>
public sealed class MqttRawPublishBenchmarkTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Raw_qos1_publish_benchmark_completes()
    {
        await using var broker = await MosquittoBroker.StartAsync();

        var perSecond = await MqttRawPublishBenchmark.RunAsync(broker.Host, broker.Port, count: 20_000, payloadSize: 300)
            .WaitAsync(TimeSpan.FromSeconds(60));

        output.WriteLine($"QoS 1 publishes acknowledged per second: {perSecond:F0}");
        Assert.True(perSecond > 0);
    }
}
