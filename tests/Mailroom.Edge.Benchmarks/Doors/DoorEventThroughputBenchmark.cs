using Mailroom.Edge.Core.Events;
using System.Diagnostics;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Benchmarks.Doors;

/// <summary>
/// <c>door.events_per_s</c>: events out of one <see cref="DoorController"/> per second of wall time, driven through
/// full cycles on virtual time — grant, open, relock, held-open warning, close, forced open, close, exit, tamper — so
/// every transition and its timers run; the events go to a port that counts them (the outbox append is measured elsewhere).
/// </summary>
public sealed class DoorEventThroughputBenchmark : IBenchmark
{
    private const int Cycles = 50_000;

    public IReadOnlyList<string> Names => ["door.events_per_s"];

    public Task<IReadOnlyList<BenchmarkFigure>> RunAsync()
    {
        var time = new ManualTimeProvider();
        var outputs = new NullOutputs();
        using var strike = new DoorStrike(outputs, new LineOffset(17), energiseToUnlock: true);
        var events = new CountingEvents();
        using var door = new DoorController(new DoorId("front"), new DoorSettings(), strike, time, events);
        var step = TimeSpan.FromSeconds(1);

        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < Cycles; i++)
        {
            door.Grant();
            time.Advance(step);
            door.DoorPositionChanged(true);
            time.Advance(TimeSpan.FromSeconds(21));
            door.DoorPositionChanged(false);
            time.Advance(step);
            door.DoorPositionChanged(true);
            door.DoorPositionChanged(false);
            time.Advance(TimeSpan.FromSeconds(3));
            door.RequestExit();
            time.Advance(TimeSpan.FromSeconds(6));
            door.TamperChanged(true, "bench");
            door.TamperChanged(false, "bench");
        }
        stopwatch.Stop();

        IReadOnlyList<BenchmarkFigure> figures =
        [
            new("door.events_per_s", events.Count / stopwatch.Elapsed.TotalSeconds, "events/s",
                new Dictionary<string, object> { ["events"] = events.Count, ["cycles"] = Cycles, ["events_per_cycle"] = events.Count / Cycles }),
        ];
        return Task.FromResult(figures);
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

    private sealed class CountingEvents : IEventPort
    {
        private static readonly Task<EventEnvelope> Done = Task.FromResult(new EventEnvelope(Guid.Empty, 0));

        public long Count { get; private set; }

        public Task<EventEnvelope> Emit(DomainEvent domainEvent)
        {
            Count++;
            return Done;
        }
    }
}
