using System.Diagnostics;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Core.Schedules;
using Mailroom.Edge.Gpio.Simulated;
using Mailroom.Edge.Host.Events;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Storage.Outbox;
using Mailroom.Edge.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mailroom.Edge.Benchmarks.Decision;

/// <summary>
/// <c>decision.latency_p99_us</c>: from a complete Wiegand frame to the strike line set, in process, with the real
/// format decoder, the SQLite credential store (10,000 enrolled cards), the agent's access rules and door state machine,
/// and the agent's event pipeline into a SQLite outbox (the decision is queued there before the strike moves), on the
/// simulated chip; 10,000 swipes. The time is read on the chip's clock when the output changes, so it ends exactly at
/// the line write. The door's timers run on a virtual clock, advanced past the grant after each swipe so the door relocks.
/// </summary>
public sealed class DecisionLatencyBenchmark : IBenchmark
{
    private const int Cards = 10_000;
    private const int Swipes = 10_000;

    public IReadOnlyList<string> Names => ["decision.latency_p99_us"];

    public Task<IReadOnlyList<BenchmarkFigure>> RunAsync()
    {
        using var folder = new TempDirectory("mailroom-bench");
        using var store = new SqliteCredentialStore(folder.File("credentials.db"));
        store.ReplaceAll(Enumerable.Range(0, Cards).Select(i =>
            new EnrolledCredential("H10301", (uint)(i / 65536 + 1), (ulong)(i % 65536), $"holder {i}", true, null, null)));

        var time = TimeProvider.System;
        var doorTime = new ManualTimeProvider();
        using var chip = new SimulatedGpioChip(time);
        var strikeLine = chip.ResolveLine("GPIO17");
        using var outputs = chip.RequestOutputs("bench", [new OutputLineSettings(strikeLine)]);
        using var strike = new DoorStrike(outputs, strikeLine, energiseToUnlock: true);
        long lineSetNs = 0;
        chip.OutputChanged += change => lineSetNs = change.TimestampNs;
        using var outbox = new SqliteOutbox(folder.File("outbox.db"), new DeviceIdentity("bench", "edge-1"), time);
        var events = new EventPipeline(outbox, new EventDispatcher(), time, NullLogger<EventPipeline>.Instance);
        var bench = new DoorId("bench");
        using var door = new DoorController(bench, new DoorSettings(), strike, doorTime, events);
        var site = new DoorSite([door], [], doorTime, events);
        var rules = new AccessRules(store, AccessRuleSet.Open, site, new ScheduleClock(doorTime, new FixedClockStatus(true), UnsyncedClockPolicy.OutsideSchedule), doorTime);
        using var accessPoint = new AccessPoint(new ReaderId("bench-in"), ReaderDirection.Entry, [CardFormats.H10301], rules, site, door, events, doorTime);

        var random = new Random(1);
        var frames = Enumerable.Range(0, Swipes).Select(_ =>
        {
            var card = random.Next(Cards);
            var bits = CardFormatCodec.Encode(CardFormats.H10301, (uint)(card / 65536 + 1), (ulong)(card % 65536));
            return new WiegandFrame(WiegandFrameOutcome.Complete, bits, bits.Length, null, 0, 0, 0, 2_000_000, 2_000_000);
        }).ToArray();

        var latenciesUs = new List<double>(Swipes);
        for (var i = -500; i < Swipes; i++)
        {
            var frame = frames[Math.Abs(i) % Swipes];
            var startNs = chip.NowNs;
            var (decision, _) = accessPoint.Decide(frame);
            if (decision?.Granted != true)
                throw new InvalidOperationException("every benchmark card is enrolled; a denial means the benchmark is broken");
            if (i >= 0)
                latenciesUs.Add((lineSetNs - startNs) / 1000.0);
            doorTime.Advance(TimeSpan.FromSeconds(6));
        }

        var context = new Dictionary<string, object> { ["enrolled"] = Cards, ["swipes"] = Swipes, ["p50_us"] = Math.Round(Percentiles.Of(latenciesUs, 50), 2), ["max_us"] = Math.Round(latenciesUs.Max(), 1) };
        IReadOnlyList<BenchmarkFigure> figures = [new BenchmarkFigure("decision.latency_p99_us", Percentiles.Of(latenciesUs, 99), "us", context)];
        return Task.FromResult(figures);
    }
}
