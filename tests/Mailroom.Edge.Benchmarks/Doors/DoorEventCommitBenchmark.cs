using System.Collections.Concurrent;
using System.Diagnostics;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Host.Events;
using Mailroom.Edge.Storage.Outbox;
using Mailroom.Edge.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mailroom.Edge.Benchmarks.Doors;

/// <summary>
/// <c>door.event_to_commit_p99_ms</c>: the window in which a door event exists only in RAM — from the moment the
/// <see cref="DoorController"/> emits it (through the agent's <see cref="EventPipeline"/>) to the commit of the
/// SQLite outbox transaction holding it (synchronous=FULL, so an fsync). The door cycles (grant, open, held-open
/// warning, close, forced, exit, tamper) emit bursts of events; each burst is committed before the next cycle.
/// </summary>
public sealed class DoorEventCommitBenchmark : IBenchmark
{
    private const int Cycles = 300;

    public IReadOnlyList<string> Names => ["door.event_to_commit_p99_ms"];

    public async Task<IReadOnlyList<BenchmarkFigure>> RunAsync()
    {
        using var folder = new TempDirectory("mailroom-bench");
        using var outbox = new SqliteOutbox(folder.File("outbox.db"), new DeviceIdentity("bench", "edge-1"), TimeProvider.System);
        var timed = new TimedSink(outbox);
        var pipeline = new EventPipeline(timed, new EventDispatcher(), TimeProvider.System, NullLogger<EventPipeline>.Instance);
        var time = new ManualTimeProvider();
        using var strike = new DoorStrike(new NullOutputs(), new LineOffset(17), energiseToUnlock: true);
        using var door = new DoorController(new DoorId("front"), new DoorSettings(), strike, time, pipeline);

        for (var i = 0; i < Cycles; i++)
        {
            door.Grant();
            time.Advance(TimeSpan.FromSeconds(1));
            door.DoorPositionChanged(true);
            time.Advance(TimeSpan.FromSeconds(21));
            door.DoorPositionChanged(false);
            door.DoorPositionChanged(true);
            door.DoorPositionChanged(false);
            time.Advance(TimeSpan.FromSeconds(3));
            door.RequestExit();
            door.TamperChanged(true, "bench");
            door.TamperChanged(false, "bench");
            await timed.DrainAsync();
        }

        var latenciesMs = timed.LatenciesMs.ToList();
        var context = new Dictionary<string, object>
        {
            ["events"] = latenciesMs.Count, ["cycles"] = Cycles, ["p50_ms"] = Math.Round(Percentiles.Of(latenciesMs, 50), 3),
            ["max_ms"] = Math.Round(latenciesMs.Max(), 3), ["durability"] = "FULL",
        };
        return [new BenchmarkFigure("door.event_to_commit_p99_ms", Percentiles.Of(latenciesMs, 99), "ms", context)];
    }

    /// <summary>Times each append from the call (the emission: the pipeline calls it at once) to its commit.</summary>
    private sealed class TimedSink(IEventSink inner) : IEventSink
    {
        private readonly ConcurrentBag<Task> _pending = [];

        public ConcurrentBag<double> LatenciesMs { get; } = [];

        public ValueTask<EventEnvelope> AppendAsync(DomainEvent domainEvent, CancellationToken cancellationToken = default)
        {
            var started = Stopwatch.GetTimestamp();
            var append = inner.AppendAsync(domainEvent, cancellationToken).AsTask();
            _pending.Add(append.ContinueWith(_ => LatenciesMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds), TaskScheduler.Default));
            return new ValueTask<EventEnvelope>(append);
        }

        public async Task DrainAsync()
        {
            while (_pending.TryTake(out var task))
                await task;
        }
    }

    private sealed class NullOutputs : IOutputLineRequest
    {
        public void SetValue(LineOffset offset, bool active)
        {
        }

        public bool GetValue(LineOffset offset) => false;

        public void Dispose()
        {
        }
    }
}
