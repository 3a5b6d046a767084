using Mailroom.Edge.Gpio.Tests.Layout;

namespace Mailroom.Edge.Benchmarks.Gpio;

/// <summary><c>gpio.struct_layout_checked</c>: how many struct sizes, field offsets and constants of the managed uAPI v2
/// definitions were compared with the system's <c>linux/gpio.h</c> (compiled with gcc). For the record; throws on a
/// mismatch.</summary>
public sealed class StructLayoutBenchmark : IBenchmark
{
    public IReadOnlyList<string> Names => ["gpio.struct_layout_checked"];

    public Task<IReadOnlyList<BenchmarkFigure>> RunAsync()
    {
        IReadOnlyList<BenchmarkFigure> figures = [new BenchmarkFigure("gpio.struct_layout_checked", SystemHeaderLayoutCheck.Run(), "items")];
        return Task.FromResult(figures);
    }
}
