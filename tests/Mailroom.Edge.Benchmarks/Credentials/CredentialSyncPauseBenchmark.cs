using System.Diagnostics;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Benchmarks.Credentials;

/// <summary>
/// <c>credentials.max_decision_pause_ms_during_sync</c>: the longest single lookup while a full snapshot of 2,000,000
/// credentials is received (parsed, built beside the live list, verified) and switched in, with lookups in a tight loop
/// on another thread against the live 2,000,000-card list from before the first chunk until after the switch.
/// <para>
/// The sync takes the agent's path: the chunks wait in a <see cref="CredentialSyncSpool"/> (spilled to its file, as a
/// snapshot published at once is in the agent), each is handled on a <see cref="Host.Agent.LowPriorityWorker"/>, and
/// the process has the agent's GC settings (the project copies them). Set-up garbage (the generated lists) is collected
/// before the measurement, so the heap is the agent's size, not the generator's. It includes whatever else stalls a
/// lookup on this machine (GC, scheduling on 2 cores shared with the sync and anything else running), not only the
/// switch.
/// </para>
/// </summary>
public sealed class CredentialSyncPauseBenchmark : IBenchmark
{
    public IReadOnlyList<string> Names => ["credentials.max_decision_pause_ms_during_sync"];

    public async Task<IReadOnlyList<BenchmarkFigure>> RunAsync()
    {
        using var folder = new TempDirectory("mailroom-bench");
        using var store = LargeCredentialList.Load(folder.File("credentials.db"));
        using var spool = new CredentialSyncSpool(folder.File("spool"), 4 * 1024 * 1024);
        var chunks = 0;
        foreach (var payload in CredentialSyncPayloads.Snapshot(2, LargeCredentialList.Cards("renewed"), LargeCredentialList.ChunkSize, keyOrdered: true))
        {
            spool.Enqueue(payload);
            chunks++;
        }
        // Set-up only: drop the generator's lists so the measured heap is what the agent would hold.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        using var sync = new CredentialSync(store, TimeProvider.System);
        using var worker = new Host.Agent.LowPriorityWorker("bench-sync");

        var lookups = new LatencyHistogram();
        // Attribution of the slow ones: did a GC run during the lookup?
        var (slowWithGc, slowWithoutGc, maxWithoutGcMs) = (0L, 0L, 0.0);
        using var stop = new CancellationTokenSource();
        var decisions = Task.Factory.StartNew(() =>
        {
            var random = new Random(2);
            while (!stop.IsCancellationRequested)
            {
                var card = LargeCredentialList.Probe(random);
                var gcs = GC.CollectionCount(0);
                var start = Stopwatch.GetTimestamp();
                _ = store.Find(card) ?? throw new InvalidOperationException("an enrolled card was not found during the sync");
                var elapsed = Stopwatch.GetElapsedTime(start);
                lookups.Add(elapsed);
                if (elapsed.TotalMilliseconds <= 1)
                    continue;
                if (GC.CollectionCount(0) != gcs)
                    slowWithGc++;
                else
                {
                    slowWithoutGc++;
                    maxWithoutGcMs = Math.Max(maxWithoutGcMs, elapsed.TotalMilliseconds);
                }
            }
        }, TaskCreationOptions.LongRunning);

        var gcPauseBefore = GC.GetTotalPauseDuration();
        var gcsBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var started = Stopwatch.GetTimestamp();
        var applied = false;
        for (var i = 0; i < chunks; i++)
        {
            var payload = spool.TryDequeue() ?? throw new InvalidOperationException("the spool lost a chunk");
            applied |= worker.Run(() => sync.Handle(payload)).OfType<Core.Events.CredentialSyncResultEvent>().Any(r => r.Applied);
        }
        var syncSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var gcPause = GC.GetTotalPauseDuration() - gcPauseBefore;
        var gcs = $"{GC.CollectionCount(0) - gcsBefore.Item1}/{GC.CollectionCount(1) - gcsBefore.Item2}/{GC.CollectionCount(2) - gcsBefore.Item3}";
        await stop.CancelAsync();
        await decisions;
        if (!applied || store.Status.Version != 2)
            throw new InvalidOperationException("the snapshot was not applied");

        var context = new Dictionary<string, object>
        {
            ["enrolled"] = store.Status.Count,
            ["lookups_during_sync"] = lookups.Count,
            ["p99_ms"] = lookups.PercentileMs(99),
            ["p9999_ms"] = lookups.PercentileMs(99.99),
            ["lookups_over_1ms"] = lookups.CountAbove(1),
            ["lookups_over_5ms"] = lookups.CountAbove(5),
            ["lookups_over_1ms_with_a_gc_inside"] = slowWithGc,
            ["lookups_over_1ms_without_a_gc"] = slowWithoutGc,
            ["max_ms_without_a_gc"] = Math.Round(maxWithoutGcMs, 3),
            ["sync_s"] = Math.Round(syncSeconds, 1),
            ["switch_gate_held_ms"] = Math.Round(store.LastSwitchPause.TotalMilliseconds, 3),
            ["gen0_gen1_gen2_gcs_during_sync"] = gcs,
            ["gc_pause_total_ms_during_sync"] = Math.Round(gcPause.TotalMilliseconds, 1),
            ["sync_thread_nice"] = worker.Lowered ? Host.Agent.LowPriorityWorker.Nice : 0,
            ["spooled_chunks"] = spool.Spilled,
        };
        return [new BenchmarkFigure("credentials.max_decision_pause_ms_during_sync", lookups.MaxMs, "ms", context)];
    }
}
