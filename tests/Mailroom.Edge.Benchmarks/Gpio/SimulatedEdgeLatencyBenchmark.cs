using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Gpio.Simulated;

namespace Mailroom.Edge.Benchmarks.Gpio;

/// <summary>
/// <c>gpio.sim_edge_to_channel_p99_us</c>: from an edge injected into the simulated chip to the event read from the
/// request's channel by a waiting reader task (the path every reader loop takes). 10,000 edges.
/// </summary>
public sealed class SimulatedEdgeLatencyBenchmark : IBenchmark
{
    private const int Edges = 10_000;

    public IReadOnlyList<string> Names => ["gpio.sim_edge_to_channel_p99_us"];

    public async Task<IReadOnlyList<BenchmarkFigure>> RunAsync()
    {
        using var chip = new SimulatedGpioChip(TimeProvider.System);
        var line = chip.ResolveLine("GPIO23");
        using var request = chip.RequestInputs("bench", [new InputLineSettings(line)], 64);
        var latenciesUs = new List<double>(Edges);
        var high = true;
        for (var i = -200; i < Edges; i++)
        {
            var read = request.Events.ReadAsync().AsTask();
            high = !high;
            var injectedNs = chip.NowNs;
            chip.InjectEdge(line, high, injectedNs);
            await read;
            if (i >= 0)
                latenciesUs.Add((chip.NowNs - injectedNs) / 1000.0);
        }
        return [new BenchmarkFigure("gpio.sim_edge_to_channel_p99_us", Percentiles.Of(latenciesUs, 99), "us",
            new Dictionary<string, object> { ["edges"] = Edges, ["p50_us"] = Math.Round(Percentiles.Of(latenciesUs, 50), 2) })];
    }
}
