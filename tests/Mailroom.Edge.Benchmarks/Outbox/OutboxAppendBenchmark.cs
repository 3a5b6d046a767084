using System.Diagnostics;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Storage.Outbox;
using Mailroom.Edge.Storage.Sqlite;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Benchmarks.Outbox;

/// <summary><c>outbox.append_per_s</c>: committed appends per second from 8 concurrent producers, each awaiting its append
/// before the next (as door and reader loops do), with synchronous=FULL and NORMAL. Group commit is what makes FULL scale.</summary>
public sealed class OutboxAppendBenchmark : IBenchmark
{
    private const int Producers = 8;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(5);

    public IReadOnlyList<string> Names => ["outbox.append_per_s"];

    public async Task<IReadOnlyList<BenchmarkFigure>> RunAsync() =>
        [await MeasureAsync(SqliteDurability.Full), await MeasureAsync(SqliteDurability.Normal)];

    private static async Task<BenchmarkFigure> MeasureAsync(SqliteDurability durability)
    {
        using var folder = new TempDirectory("bench-outbox");
        using var outbox = new SqliteOutbox(folder.File("outbox.db"), new DeviceIdentity("bench", "edge"), TimeProvider.System,
            new OutboxSettings { Durability = durability, MaxRows = 10_000_000, MaxBytes = long.MaxValue / 2 });
        long appended = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Producers).Select(p => Task.Run(async () =>
        {
            var i = 0;
            while (clock.Elapsed < Duration)
            {
                await outbox.AppendAsync(new BenchEvent(DateTimeOffset.UtcNow, i++));
                Interlocked.Increment(ref appended);
            }
        })));
        var perSecond = appended / clock.Elapsed.TotalSeconds;
        return new BenchmarkFigure("outbox.append_per_s", perSecond, "events/s", new Dictionary<string, object>
        {
            ["durability"] = durability.ToString().ToUpperInvariant(),
            ["producers"] = Producers,
            ["events"] = appended,
            ["folder"] = Path.GetTempPath(),
        });
    }
}
