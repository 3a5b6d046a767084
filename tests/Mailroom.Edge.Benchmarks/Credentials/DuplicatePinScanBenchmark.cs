using System.Diagnostics;
using System.Globalization;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Storage.Sqlite;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Benchmarks.Credentials;

/// <summary>
/// <c>credentials.duplicate_pin_scan_ms</c>: the one-off count of shared PINs the store makes when the list changes
/// (import, delta, snapshot switch, start), on the worst list: 2,000,000 credentials that all have a PIN index and a
/// duress PIN index, 1,000 PINs shared. The count reads both partial indexes in full, so it grows with the enrolled PINs;
/// it never runs on the decision path (a PIN decision probes the index for one PIN). Best of three runs on a warm OS
/// page cache, and the first run.
/// </summary>
public sealed class DuplicatePinScanBenchmark : IBenchmark
{
    private const int Runs = 3;
    private const int Shared = 1_000;

    public IReadOnlyList<string> Names => ["credentials.duplicate_pin_scan_ms"];

    public Task<IReadOnlyList<BenchmarkFigure>> RunAsync()
    {
        using var folder = new TempDirectory("mailroom-bench");
        var path = folder.File("credentials.db");
        using (var store = new SqliteCredentialStore(path, durability: SqliteDurability.Normal))
        {
            // The hash is never verified here, so one fixed string stands for every PBKDF2 hash.
            var hash = PinHash.Hash("0000", 1);
            store.ReplaceAll(LargeCredentialList.Cards().Select((c, i) => c with
            {
                PinHash = hash, PinIndex = Index(i < 2 * Shared && i % 2 == 1 ? i - 1 : i),
                DuressPinHash = hash, DuressPinIndex = Index(LargeCredentialList.Count + i),
            }));
        }

        using var connection = SqliteConnections.Open(path, SqliteDurability.Normal, readOnly: true);
        var timesMs = new List<double>(Runs);
        for (var run = 0; run < Runs; run++)
        {
            var started = Stopwatch.GetTimestamp();
            var duplicates = DuplicatePinCount.Read(connection);
            timesMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (duplicates != Shared)
                throw new InvalidOperationException($"{Shared} PINs are shared, the count says {duplicates}: the benchmark is broken");
        }

        var context = new Dictionary<string, object>
        {
            ["credentials"] = LargeCredentialList.Count, ["pin_indexes"] = 2 * LargeCredentialList.Count, ["shared_pins"] = Shared,
            ["first_run_ms"] = Math.Round(timesMs[0], 1), ["file_bytes"] = new FileInfo(path).Length,
        };
        IReadOnlyList<BenchmarkFigure> figures = [new BenchmarkFigure("credentials.duplicate_pin_scan_ms", Math.Round(timesMs.Min(), 1), "ms", context)];
        return Task.FromResult(figures);
    }

    /// <summary>64 hex digits, distinct per <paramref name="i"/>: the shape of a real index, without an HMAC per row.</summary>
    private static string Index(int i) => i.ToString("x64", CultureInfo.InvariantCulture);
}
