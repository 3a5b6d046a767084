using System.Diagnostics;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Benchmarks.Credentials;

/// <summary>
/// <c>credentials.lookup_p99_us</c>: one <c>Find</c> on the SQLite store holding 2,000,000 credentials (2 MiB page
/// cache per connection, no mmap; the file is in the OS page cache as on a running agent), 200,000 random enrolled cards.
/// </summary>
public sealed class CredentialLookupBenchmark : IBenchmark
{
    private const int Lookups = 200_000;

    public IReadOnlyList<string> Names => ["credentials.lookup_p99_us"];

    public Task<IReadOnlyList<BenchmarkFigure>> RunAsync()
    {
        using var folder = new TempDirectory("mailroom-bench");
        using var store = LargeCredentialList.Load(folder.File("credentials.db"));
        var random = new Random(1);
        var latenciesUs = new List<double>(Lookups);
        for (var i = -10_000; i < Lookups; i++)
        {
            var card = LargeCredentialList.Probe(random);
            var start = Stopwatch.GetTimestamp();
            var found = store.Find(card);
            var elapsed = Stopwatch.GetElapsedTime(start);
            if (found is null)
                throw new InvalidOperationException("every probed card is enrolled; a miss means the benchmark is broken");
            if (i >= 0)
                latenciesUs.Add(elapsed.TotalMicroseconds);
        }
        var context = new Dictionary<string, object>
        {
            ["enrolled"] = store.Status.Count,
            ["lookups"] = Lookups,
            ["p50_us"] = Math.Round(Percentiles.Of(latenciesUs, 50), 2),
            ["p999_us"] = Math.Round(Percentiles.Of(latenciesUs, 99.9), 1),
            ["max_us"] = Math.Round(latenciesUs.Max(), 1),
            // The live name is a link to the generation file (SqliteCredentialStore); its size is the list's.
            ["file_mb"] = Math.Round(((FileInfo?)new FileInfo(store.FilePath).ResolveLinkTarget(returnFinalTarget: true) ?? new FileInfo(store.FilePath)).Length / 1e6, 1),
        };
        IReadOnlyList<BenchmarkFigure> figures = [new BenchmarkFigure("credentials.lookup_p99_us", Percentiles.Of(latenciesUs, 99), "us", context)];
        return Task.FromResult(figures);
    }
}
