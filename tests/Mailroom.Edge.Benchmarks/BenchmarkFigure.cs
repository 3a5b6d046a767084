namespace Mailroom.Edge.Benchmarks;

/// <summary>One measured figure: printed as one JSON line with its context.</summary>
public sealed record BenchmarkFigure(string Name, double Value, string Unit, IReadOnlyDictionary<string, object>? Context = null);
