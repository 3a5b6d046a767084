using System.Diagnostics;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Schedules;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Benchmarks.Decision;

/// <summary>
/// <c>decision.latency_p99_us_pin_only</c>: a PIN-only door's decision from the typed PIN to the verdict, with
/// 100,000 credentials enrolled in SQLite, each with its own PIN and keyed index: one index probe, then one PBKDF2-SHA256
/// verification at <see cref="PinHash.DefaultIterations"/> (the measured PINs; the other 99,800 are hashed with one
/// iteration only to build the list quickly — they are found by index, never verified, so their cost does not enter).
/// </summary>
public sealed class PinOnlyDecisionLatencyBenchmark : IBenchmark
{
    private const int Enrolled = 100_000;
    private const int Measured = 200;
    private const int Decisions = 400;

    public IReadOnlyList<string> Names => ["decision.latency_p99_us_pin_only"];

    public Task<IReadOnlyList<BenchmarkFigure>> RunAsync()
    {
        var key = new PinIndexKey(Enumerable.Range(7, 32).Select(i => (byte)i).ToArray());
        using var folder = new TempDirectory("mailroom-bench");
        using var store = new SqliteCredentialStore(folder.File("credentials.db"), pinIndexKey: key);
        store.ReplaceAll(Enumerable.Range(0, Enrolled).Select(i =>
        {
            var pin = Pin(i);
            return new EnrolledCredential("H10301", (uint)(i / 65536 + 1), (ulong)(i % 65536), $"holder {i}", true, null, null)
            {
                PinHash = PinHash.Hash(pin, i < Measured ? PinHash.DefaultIterations : 1), PinIndex = key.Index(pin),
            };
        }));

        var time = TimeProvider.System;
        var front = new DoorId("front");
        using var strike = new DoorStrike(new NullOutputs(), new LineOffset(17), energiseToUnlock: true);
        using var door = new DoorController(front, new DoorSettings { Mode = DoorMode.PinOnly }, strike, time, new DiscardingEvents());
        var site = new DoorSite([door], [], time, new DiscardingEvents());
        var rules = new AccessRules(store, AccessRuleSet.Open, site, new ScheduleClock(time, new FixedClockStatus(true), UnsyncedClockPolicy.OutsideSchedule), time, store);

        var random = new Random(5);
        var latenciesUs = new List<double>(Decisions);
        for (var i = -20; i < Decisions; i++)
        {
            var request = new AccessRequest(new ReaderId("front-keypad"), front) { Pin = Pin(random.Next(Measured)) };
            var started = Stopwatch.GetTimestamp();
            var decision = rules.Decide(request);
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (!decision.Granted)
                throw new InvalidOperationException($"every measured PIN is enrolled once; {decision.Reason} means the benchmark is broken");
            if (i >= 0)
                latenciesUs.Add(elapsed.TotalMicroseconds);
        }

        var context = new Dictionary<string, object>
        {
            ["enrolled"] = Enrolled, ["decisions"] = Decisions, ["pbkdf2_iterations"] = PinHash.DefaultIterations,
            ["p50_us"] = Math.Round(Percentiles.Of(latenciesUs, 50), 1), ["max_us"] = Math.Round(latenciesUs.Max(), 1),
        };
        IReadOnlyList<BenchmarkFigure> figures = [new BenchmarkFigure("decision.latency_p99_us_pin_only", Percentiles.Of(latenciesUs, 99), "us", context)];
        return Task.FromResult(figures);
    }

    /// <summary>Six digits, unique per credential.</summary>
    private static string Pin(int i) => (100_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);

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
