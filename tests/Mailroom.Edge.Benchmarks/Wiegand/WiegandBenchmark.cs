namespace Mailroom.Edge.Benchmarks.Wiegand;

/// <summary>The Wiegand figures (<see cref="WiegandBenchmarks"/>) as one benchmark of the program.</summary>
public sealed class WiegandBenchmark : IBenchmark
{
    public IReadOnlyList<string> Names =>
    [
        "wiegand.decode_frames_per_s", "wiegand.frame_end_to_credential_ms_p99", "wiegand.frame_end_to_credential_ms_p99_fixed_25ms",
        "wiegand.frame_end_to_credential_p99_fixed_over_adaptive", "wiegand.frame_end_to_credential_ms_p50", "wiegand.frame_end_to_credential_ms_p50_fixed_25ms",
    ];

    public Task<IReadOnlyList<BenchmarkFigure>> RunAsync()
    {
        IReadOnlyList<BenchmarkFigure> figures = WiegandBenchmarks.Run()
            .Select(f => new BenchmarkFigure(f.Name, f.Value, f.Unit, new Dictionary<string, object> { ["bit_interval_ms"] = 2 }))
            .ToList();
        return Task.FromResult(figures);
    }
}
