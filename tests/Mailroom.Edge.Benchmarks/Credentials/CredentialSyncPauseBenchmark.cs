using System.Diagnostics;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Storage.SyncProtocol;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Benchmarks.Credentials;

/// <summary>
/// How long a door decision waits while a full snapshot of 2,000,000 credentials is received (parsed, built beside
/// the live list, verified) and switched in, against the live 2,000,000-card list, from before the first chunk until
/// after the switch. Two ways of asking:
/// <list type="bullet">
/// <item><c>credentials.max_decision_pause_ms_during_sync</c>: decisions as a door makes them — a thread that sleeps
/// a millisecond (a frame every millisecond or so, far more than any door) and then looks a card up; each is measured
/// from when its sleep should have ended to when its answer is there, so waking up late counts as waiting.</item>
/// <item><c>credentials.max_lookup_ms_during_sync_tight_loop</c>: lookups back to back on a thread that never sleeps,
/// which the kernel's scheduler treats as a CPU hog and preempts for whole time slices; the pessimistic bound.</item>
/// </list>
/// <para>
/// The sync takes the agent's path: the chunks wait in a <see cref="CredentialSyncSpool"/> (spilled to its file, as a
/// snapshot published at once is in the agent), each is handled on a <see cref="Host.Services.LowPriorityWorker"/>, and
/// the process has the agent's GC settings (the project copies them). Set-up garbage (the generated lists) is collected
/// before the measurement, so the heap is the agent's size, not the generator's.
/// </para>
/// <para>
/// Beside each figure: the same decisions for as long again with no sync (<c>idle_*</c>: the machine's own floor —
/// on a virtual machine a sleeping thread can wake up many milliseconds late whatever the process does), the longest
/// GC pause from the runtime's events (<see cref="GcPauseListener"/>), how long the switch held lookups at the gate,
/// and what the sync allocated. Those are the parts of a wait the agent owns.
/// </para>
/// </summary>
public sealed class CredentialSyncPauseBenchmark : IBenchmark
{
    private static readonly TimeSpan DecisionInterval = TimeSpan.FromMilliseconds(1);

    public IReadOnlyList<string> Names => ["credentials.max_decision_pause_ms_during_sync", "credentials.max_lookup_ms_during_sync_tight_loop"];

    public async Task<IReadOnlyList<BenchmarkFigure>> RunAsync() =>
    [
        await MeasureAsync("credentials.max_decision_pause_ms_during_sync", paced: true),
        await MeasureAsync("credentials.max_lookup_ms_during_sync_tight_loop", paced: false),
    ];

    private static async Task<BenchmarkFigure> MeasureAsync(string name, bool paced)
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
        using var credentialSync = new CredentialSync(store, TimeProvider.System);
        using var worker = new Host.Services.LowPriorityWorker("bench-sync");

        using var gcPauses = new GcPauseListener();
        var decisions = new DecisionLoop(store, paced);
        using var stop = new CancellationTokenSource();
        var running = Task.Factory.StartNew(() => decisions.Run(stop.Token), TaskCreationOptions.LongRunning);

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var gcPauseBefore = GC.GetTotalPauseDuration();
        var gcsBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var syncStartedAt = DateTime.UtcNow;
        var started = Stopwatch.GetTimestamp();
        var applied = false;
        for (var i = 0; i < chunks; i++)
        {
            var payload = spool.TryDequeue() ?? throw new InvalidOperationException("the spool lost a chunk");
            applied |= worker.Run(() => credentialSync.Handle(payload)).OfType<Core.Events.CredentialSyncResultEvent>().Any(r => r.Applied);
        }
        var sync = Stopwatch.GetElapsedTime(started);
        var syncEndedAt = DateTime.UtcNow;
        var gcPause = GC.GetTotalPauseDuration() - gcPauseBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var gcs = $"{GC.CollectionCount(0) - gcsBefore.Item1}/{GC.CollectionCount(1) - gcsBefore.Item2}/{GC.CollectionCount(2) - gcsBefore.Item3}";
        await stop.CancelAsync();
        await running;
        if (!applied || store.Status.Version != 2)
            throw new InvalidOperationException("the snapshot was not applied");
        var (longestGcPause, gcPauseCount) = gcPauses.LongestBetween(syncStartedAt, syncEndedAt);

        // The machine's own floor: the same decisions for as long again with no sync at all. On a virtual machine a
        // sleeping thread can wake up milliseconds late whatever the process does; this is that, measured in the run.
        var idle = new DecisionLoop(store, paced);
        using var idleStop = new CancellationTokenSource(sync);
        await Task.Factory.StartNew(() => idle.Run(idleStop.Token), TaskCreationOptions.LongRunning);

        var waits = decisions.Waits;
        var context = new Dictionary<string, object>
        {
            ["enrolled"] = store.Status.Count,
            ["decisions"] = paced ? $"a sleep of {DecisionInterval.TotalMilliseconds} ms before each, measured from when the sleep should have ended" : "back to back on a thread that never sleeps",
            ["lookups_during_sync"] = waits.Count,
            ["p99_ms"] = waits.PercentileMs(99),
            ["p9999_ms"] = waits.PercentileMs(99.99),
            ["over_1ms"] = waits.CountAbove(1),
            ["over_5ms"] = waits.CountAbove(5),
            ["over_1ms_with_a_gc_inside"] = decisions.SlowWithGc,
            ["over_1ms_without_a_gc"] = decisions.SlowWithoutGc,
            ["max_ms_without_a_gc"] = Math.Round(decisions.MaxWithoutGcMs, 3),
            ["idle_lookups"] = idle.Waits.Count,
            ["idle_max_ms"] = Math.Round(idle.Waits.MaxMs, 3),
            ["idle_p9999_ms"] = idle.Waits.PercentileMs(99.99),
            ["idle_over_5ms"] = idle.Waits.CountAbove(5),
            ["sync_s"] = Math.Round(sync.TotalSeconds, 1),
            ["switch_gate_held_ms"] = Math.Round(store.LastSwitchPause.TotalMilliseconds, 3),
            ["gen0_gen1_gen2_gcs_during_sync"] = gcs,
            ["gc_pause_total_ms_during_sync"] = Math.Round(gcPause.TotalMilliseconds, 1),
            ["gc_longest_pause_ms_during_sync"] = Math.Round(longestGcPause.TotalMilliseconds, 3),
            ["gc_pauses_seen_by_listener"] = gcPauseCount,
            ["allocated_mb_during_sync"] = allocated / (1024 * 1024),
            ["sync_thread_nice"] = worker.Lowered ? Host.Services.LowPriorityWorker.Nice : 0,
            ["spooled_chunks"] = spool.Spilled,
        };
        return new BenchmarkFigure(name, waits.MaxMs, "ms", context);
    }

    /// <summary>Looks up random enrolled cards until stopped, recording how long each decision waited and whether a
    /// GC ran during the slow ones.</summary>
    private sealed class DecisionLoop(SqliteCredentialStore store, bool paced)
    {
        public LatencyHistogram Waits { get; } = new();

        public long SlowWithGc { get; private set; }

        public long SlowWithoutGc { get; private set; }

        public double MaxWithoutGcMs { get; private set; }

        public void Run(CancellationToken stop)
        {
            var random = new Random(2);
            var interval = (long)(DecisionInterval.TotalSeconds * Stopwatch.Frequency);
            while (!stop.IsCancellationRequested)
            {
                // Paced: sleep until the next frame is due, as a reader loop blocks until its edges arrive; the
                // decision is due when the sleep should have ended, so a late wake-up counts as waiting.
                var due = Stopwatch.GetTimestamp();
                var gcs = GC.CollectionCount(0);
                if (paced)
                {
                    Thread.Sleep(DecisionInterval);
                    due += interval;
                }
                var card = LargeCredentialList.Probe(random);
                var start = paced ? due : Stopwatch.GetTimestamp();
                _ = store.Find(card) ?? throw new InvalidOperationException("an enrolled card was not found during the sync");
                var elapsed = Stopwatch.GetElapsedTime(start);
                if (paced && elapsed < TimeSpan.Zero)
                    elapsed = TimeSpan.Zero;
                Waits.Add(elapsed);
                if (elapsed.TotalMilliseconds <= 1)
                    continue;
                if (GC.CollectionCount(0) != gcs)
                    SlowWithGc++;
                else
                {
                    SlowWithoutGc++;
                    MaxWithoutGcMs = Math.Max(MaxWithoutGcMs, elapsed.TotalMilliseconds);
                }
            }
        }
    }
}
