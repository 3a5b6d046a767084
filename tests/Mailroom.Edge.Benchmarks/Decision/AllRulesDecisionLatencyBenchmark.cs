using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Core.Schedules;
using Mailroom.Edge.Gpio.Simulated;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Benchmarks.Decision;

/// <summary>
/// <c>decision.latency_p99_us_all_rules</c>: frame to strike line, like <see cref="DecisionLatencyBenchmark"/>, but
/// with 100,000 enrolled cards in SQLite (each in an access group with a schedule in Europe/London), and the door
/// running every rule: mode, enrolment, validity, lockdown check, group and schedule, soft anti-passback on an entry
/// reader, an interlock with a second door, and the two-person rule — each measured swipe is the second person of a
/// pair, so it passes every check and moves the strike. <c>decision.latency_p99_us_card_and_pin</c> adds the PIN
/// (card and PIN in one presentation: one PBKDF2-SHA256 verification at <see cref="PinHash.DefaultIterations"/>).
/// </summary>
public sealed class AllRulesDecisionLatencyBenchmark : IBenchmark
{
    private const int Cards = 100_000;
    private const int Pairs = 5_000;
    private const int PinSwipes = 1_000;

    public IReadOnlyList<string> Names => ["decision.latency_p99_us_all_rules", "decision.latency_p99_us_card_and_pin"];

    public Task<IReadOnlyList<BenchmarkFigure>> RunAsync()
    {
        using var folder = new TempDirectory("mailroom-bench");
        using var store = new SqliteCredentialStore(folder.File("credentials.db"));
        var pin = PinHash.Hash("482913");
        store.ReplaceAll(Enumerable.Range(0, Cards).Select(i =>
            new EnrolledCredential("H10301", Facility(i), Number(i), $"holder {i}", true, DateTimeOffset.UtcNow.AddYears(-1), DateTimeOffset.UtcNow.AddYears(1))
            {
                Groups = ["visitors", "staff"], PinHash = pin,
            }));

        var time = TimeProvider.System;
        using var chip = new SimulatedGpioChip(time);
        var lines = new[] { chip.ResolveLine("GPIO17"), chip.ResolveLine("GPIO27") };
        using var outputs = chip.RequestOutputs("bench", lines.Select(l => new OutputLineSettings(l)).ToList());
        long lineSetNs = 0;
        chip.OutputChanged += change => lineSetNs = change.TimestampNs;
        using var frontStrike = new DoorStrike(outputs, lines[0], energiseToUnlock: true);
        using var innerStrike = new DoorStrike(outputs, lines[1], energiseToUnlock: true);
        var (front, inner) = (new DoorId("front"), new DoorId("inner"));
        using var frontDoor = new DoorController(front, new DoorSettings(), frontStrike, time, new DiscardingEvents());
        using var innerDoor = new DoorController(inner, new DoorSettings(), innerStrike, time, new DiscardingEvents());
        var site = new DoorSite([frontDoor, innerDoor], [[front, inner]], time, new DiscardingEvents());
        var always = new Schedule("always", TimeZoneInfo.FindSystemTimeZoneById("Europe/London"),
            [new WeeklyWindow(Enum.GetValues<DayOfWeek>().ToHashSet(), TimeOnly.MinValue, TimeOnly.MinValue)], new HashSet<DateOnly>());
        var rules = new AccessRuleSet(
            new Dictionary<string, AccessGroup>
            {
                ["visitors"] = new("visitors", new HashSet<DoorId> { inner }, "always"),
                ["staff"] = new("staff", new HashSet<DoorId> { front, inner }, "always"),
            },
            new Dictionary<string, Schedule> { ["always"] = always },
            new Dictionary<DoorId, DoorRules> { [front] = new() { AntiPassback = AntiPassbackMode.Soft, TwoPerson = true, TwoPersonWindow = TimeSpan.FromMinutes(1) } });
        var engine = new AccessRules(store, rules, site, new ScheduleClock(time, new FixedClockStatus(true), UnsyncedClockPolicy.OutsideSchedule), time);
        var point = new AccessPoint(new ReaderId("front-in"), ReaderDirection.Entry, [CardFormats.H10301], engine, site, frontDoor, new DiscardingEvents(), time);

        var random = new Random(1);
        var allRules = Measure(Pairs, 200, () =>
        {
            var (a, b) = (random.Next(Cards), random.Next(Cards));
            if (point.Decide(Frame(a)).Decision?.Pending != true)
                throw new InvalidOperationException("the first of a pair must wait for the second person");
            return () => point.Decide(Frame(b == a ? (b + 1) % Cards : b)).Decision;
        });
        var withPin = Measure(PinSwipes, 50, () =>
        {
            var (a, b) = (random.Next(Cards), random.Next(Cards));
            point.Decide(new AccessRequest(default, default) { Card = Card(a), Pin = "482913" });
            return () => point.Decide(new AccessRequest(default, default) { Card = Card(b == a ? (b + 1) % Cards : b), Pin = "482913" }).Decision;
        });

        IReadOnlyList<BenchmarkFigure> figures =
        [
            Figure("decision.latency_p99_us_all_rules", allRules, Pairs),
            Figure("decision.latency_p99_us_card_and_pin", withPin, PinSwipes),
        ];
        return Task.FromResult(figures);

        List<double> Measure(int count, int warmup, Func<Func<AccessDecision?>> prepare)
        {
            var latencies = new List<double>(count);
            for (var i = -warmup; i < count; i++)
            {
                var second = prepare();
                var startNs = chip.NowNs;
                if (second()?.Granted != true)
                    throw new InvalidOperationException("every measured swipe should pass every rule; a denial means the benchmark is broken");
                if (i >= 0)
                    latencies.Add((lineSetNs - startNs) / 1000.0);
                frontStrike.Lock();
                // Back to a locked, closed door, as the next pair would find it after the relock.
                frontDoor.SetLockdown(true, "bench", null);
                frontDoor.SetLockdown(false, "bench", null);
            }
            return latencies;
        }

        BenchmarkFigure Figure(string name, List<double> latencies, int count) => new(name, Percentiles.Of(latencies, 99), "us",
            new Dictionary<string, object>
            {
                ["enrolled"] = Cards, ["swipes"] = count, ["p50_us"] = Math.Round(Percentiles.Of(latencies, 50), 2),
                ["max_us"] = Math.Round(latencies.Max(), 1), ["pbkdf2_iterations"] = PinHash.DefaultIterations,
            });
    }

    private static uint Facility(int i) => (uint)(i / 65536 + 1);

    private static ulong Number(int i) => (ulong)(i % 65536);

    private static CardCredential Card(int i) => new("H10301", Facility(i), Number(i));

    private static WiegandFrame Frame(int i)
    {
        var bits = CardFormatCodec.Encode(CardFormats.H10301, Facility(i), Number(i));
        return new WiegandFrame(WiegandFrameOutcome.Complete, bits, bits.Length, null, 0, 0, 0, 2_000_000, 2_000_000);
    }
}
