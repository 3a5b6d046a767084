namespace Mailroom.Edge.Benchmarks;

/// <summary>A benchmark produces one or more figures; <see cref="Names"/> lets <c>./build.sh bench NAME</c> pick it.</summary>
public interface IBenchmark
{
    IReadOnlyList<string> Names { get; }

    Task<IReadOnlyList<BenchmarkFigure>> RunAsync();
}
