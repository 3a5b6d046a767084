using System.Diagnostics;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Benchmarks.Credentials;

/// <summary>
/// <c>credentials.max_decision_pause_ms_during_sync</c>: the longest single lookup while a full snapshot of 2,000,000
/// credentials is received (parsed, built beside the live list, verified) and switched in, with lookups in a tight loop
/// on another thread against the live 2,000,000-card list. It includes whatever else stalls a lookup on this machine
/// (GC, scheduling on 2 cores shared with the sync thread), not only the switch.
/// </summary>
public sealed class CredentialSyncPauseBenchmark : IBenchmark
{
    public IReadOnlyList<string> Names => ["credentials.max_decision_pause_ms_during_sync"];

    public async Task<IReadOnlyList<BenchmarkFigure>> RunAsync()
    {
        using var folder = new TempDirectory("mailroom-bench");
        using var store = LargeCredentialList.Load(folder.File("credentials.db"));
        var payloads = CredentialSyncPayloads.Snapshot(2, LargeCredentialList.Cards("renewed"), LargeCredentialList.ChunkSize, keyOrdered: true);
        using var sync = new CredentialSync(store, TimeProvider.System);

        var durations = new List<double>(4_000_000);
        using var stop = new CancellationTokenSource();
        var lookups = Task.Factory.StartNew(() =>
        {
            var random = new Random(2);
            while (!stop.IsCancellationRequested)
            {
                var card = LargeCredentialList.Probe(random);
                var start = Stopwatch.GetTimestamp();
                _ = store.Find(card) ?? throw new InvalidOperationException("an enrolled card was not found during the sync");
                durations.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }, TaskCreationOptions.LongRunning);

        var started = Stopwatch.GetTimestamp();
        var applied = false;
        foreach (var payload in payloads)
            applied |= sync.Handle(payload).OfType<Core.Events.CredentialSyncResultEvent>().Any(r => r.Applied);
        var syncSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await stop.CancelAsync();
        await lookups;
        if (!applied || store.Status.Version != 2)
            throw new InvalidOperationException("the snapshot was not applied");

        var context = new Dictionary<string, object>
        {
            ["enrolled"] = store.Status.Count,
            ["lookups_during_sync"] = durations.Count,
            ["p99_ms"] = Math.Round(Percentiles.Of(durations, 99), 4),
            ["p9999_ms"] = Math.Round(Percentiles.Of(durations, 99.99), 3),
            ["sync_s"] = Math.Round(syncSeconds, 1),
            ["switch_gate_held_ms"] = Math.Round(store.LastSwitchPause.TotalMilliseconds, 3),
            ["gen0_gen1_gen2_gcs"] = $"{GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}",
        };
        return [new BenchmarkFigure("credentials.max_decision_pause_ms_during_sync", durations.Max(), "ms", context)];
    }
}
