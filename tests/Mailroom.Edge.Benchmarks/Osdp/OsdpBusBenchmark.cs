using System.Diagnostics;
using Mailroom.Edge.Core.Readers.Osdp.Panel;
using Mailroom.Edge.Core.Readers.Osdp.Simulation;
using Mailroom.Edge.Core.Readers.Wiegand;

namespace Mailroom.Edge.Benchmarks.Osdp;

/// <summary>
/// OSDP figures of one panel port in real time (<see cref="TimedOsdpBus"/>: the agent's poll loop on a real serial link,
/// a socat pty pair, simulated readers whose replies take their 115200-baud wire time plus a 1 ms turnaround), in
/// Secure Channel, with one and with four readers on the port (suffix <c>_1reader</c>, <c>_4readers</c>):
/// <list type="bullet">
/// <item><c>osdp.card_to_decision_us_p50/p99</c>: from a card presented at a simulated reader (a random reader, at a
/// random moment of the poll cycle, one at a time) to the panel's session handing the read to its
/// <see cref="IOsdpReaderInput"/>, where the door's access point decides; 500 reads after 20 unmeasured.</item>
/// <item><c>osdp.card_to_decision_within_one_cycle</c>: 1 when the longest of those reads waited no longer than one poll
/// cycle (the poll interval plus the median round's exchanges while the cards were read), else 0, with how many
/// reads took longer; a report, never a failure (the machine's scheduling is part of it).</item>
/// <item><c>osdp.round_per_reader_us_p50</c> and <c>osdp.round_period_ms_p50</c>: idle polling, a round's duration
/// divided by the readers on the port, and the time from one round's start to the next.</item>
/// <item><c>osdp.sc_handshake_ms_p50</c>: Secure Channel handshakes, from the CHLNG written to the session Online: the
/// first ones, and sessions restarted by one reply with a wrong MAC.</item>
/// <item><c>osdp.poll_loop_cpu_percent</c>: the loop thread's CPU time (utime + stime) per wall second while idle
/// polling, in percent of one core.</item>
/// </list>
/// </summary>
public sealed class OsdpBusBenchmark : IBenchmark
{
    private const int WarmUpReads = 20;
    private const int MeasuredReads = 500;
    private const int ForcedHandshakes = 8;
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private static readonly int[] ReaderCounts = [1, 4];

    public IReadOnlyList<string> Names =>
    [
        .. ReaderCounts.SelectMany(n => new[]
        {
            "osdp.card_to_decision_us_p50", "osdp.card_to_decision_us_p99", "osdp.card_to_decision_within_one_cycle",
            "osdp.round_per_reader_us_p50", "osdp.round_period_ms_p50", "osdp.sc_handshake_ms_p50", "osdp.poll_loop_cpu_percent",
        }.Select(name => name + Suffix(n))),
    ];

    public async Task<IReadOnlyList<BenchmarkFigure>> RunAsync()
    {
        var figures = new List<BenchmarkFigure>();
        var random = new Random(1);
        foreach (var readers in ReaderCounts)
        {
            await using var bus = await TimedOsdpBus.StartAsync(readers);
            ForceHandshakes(bus, random);
            bus.TimingHandshakes = false;
            var handshakesMs = bus.HandshakesMs;
            var idle = Idle(bus);
            var cards = CardReads(bus, random);
            var suffix = Suffix(readers);
            var setup = new Dictionary<string, object>
            {
                ["readers"] = readers, ["baud"] = TimedOsdpBus.Baud, ["turnaround_ms"] = TimedOsdpBus.ReaderTurnaround.TotalMilliseconds,
                ["poll_interval_ms"] = OsdpTiming.Default.PollInterval.TotalMilliseconds, ["secure_channel"] = true,
            };
            Dictionary<string, object> With(params (string Key, object Value)[] more)
            {
                var context = new Dictionary<string, object>(setup);
                foreach (var (key, value) in more)
                    context[key] = value;
                return context;
            }

            var maxUs = cards.LatenciesUs.Max();
            var roundUs = Percentiles.Of(cards.RoundsUs, 50);
            var boundUs = OsdpTiming.Default.PollInterval.TotalMicroseconds + roundUs;
            figures.Add(new("osdp.card_to_decision_us_p50" + suffix, Percentiles.Of(cards.LatenciesUs, 50), "us", With(("reads", MeasuredReads))));
            figures.Add(new("osdp.card_to_decision_us_p99" + suffix, Percentiles.Of(cards.LatenciesUs, 99), "us",
                With(("reads", MeasuredReads), ("max_us", Math.Round(maxUs)), ("min_us", Math.Round(cards.LatenciesUs.Min())))));
            figures.Add(new("osdp.card_to_decision_within_one_cycle" + suffix, maxUs <= boundUs ? 1 : 0, "bool",
                With(("max_us", Math.Round(maxUs)), ("bound_us", Math.Round(boundUs)), ("reads_over_bound", cards.LatenciesUs.Count(us => us > boundUs)),
                    ("round_us_p50", Math.Round(roundUs)), ("round_us_max", Math.Round(cards.RoundsUs.Max())))));
            figures.Add(new("osdp.round_per_reader_us_p50" + suffix, Percentiles.Of(idle.RoundsUs, 50) / readers, "us",
                With(("rounds", idle.RoundsUs.Count), ("round_us_p50", Math.Round(Percentiles.Of(idle.RoundsUs, 50))),
                    ("round_us_max", Math.Round(idle.RoundsUs.Max())))));
            figures.Add(new("osdp.round_period_ms_p50" + suffix, Percentiles.Of(idle.PeriodsMs, 50), "ms",
                With(("round_period_ms_p99", Math.Round(Percentiles.Of(idle.PeriodsMs, 99), 3)), ("round_period_ms_max", Math.Round(idle.PeriodsMs.Max(), 3)))));
            figures.Add(new("osdp.sc_handshake_ms_p50" + suffix, Percentiles.Of(handshakesMs, 50), "ms",
                With(("handshakes", handshakesMs.Count), ("max_ms", Math.Round(handshakesMs.Max(), 3)), ("min_ms", Math.Round(handshakesMs.Min(), 3)))));
            figures.Add(new("osdp.poll_loop_cpu_percent" + suffix, idle.LoopCpuPercent, "%",
                With(("window_s", IdleWindow.TotalSeconds), ("process_cpu_percent", Math.Round(idle.ProcessCpuPercent, 2)), ("cpu_resolution_ms", 10))));
        }
        return figures;
    }

    private static string Suffix(int readers) => readers == 1 ? "_1reader" : $"_{readers}readers";

    /// <summary>Restarts sessions, one at a time, with one reply whose MAC does not verify: the session starts again
    /// from ID, and its handshake is timed.</summary>
    private static void ForceHandshakes(TimedOsdpBus bus, Random random)
    {
        for (var i = 0; i < ForcedHandshakes; i++)
        {
            var reader = random.Next(bus.Sessions.Count);
            var session = bus.Sessions[reader];
            var simulator = bus.Simulators[reader];
            var before = bus.HandshakesMs.Count;
            simulator.Misbehaviour = new OsdpReaderMisbehaviour { WrongReplyMac = true };
            Await(() => session.State != OsdpReaderState.Online, $"reader {reader} kept its session after a wrong MAC");
            simulator.Misbehaviour = OsdpReaderMisbehaviour.None;
            Await(() => bus.HandshakesMs.Count > before && session.State == OsdpReaderState.Online, $"reader {reader} did not come back online");
        }
    }

    private static (List<double> RoundsUs, List<double> PeriodsMs, double LoopCpuPercent, double ProcessCpuPercent) Idle(TimedOsdpBus bus)
    {
        using var process = Process.GetCurrentProcess();
        var from = bus.Rounds.Count;
        var loopCpu = bus.LoopCpuTime();
        var processCpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        Thread.Sleep(IdleWindow);
        var wall = clock.Elapsed;
        var loopPercent = (bus.LoopCpuTime() - loopCpu) / wall * 100;
        process.Refresh();
        var processPercent = (process.TotalProcessorTime - processCpu) / wall * 100;
        return (bus.Rounds.DurationsUs(from), bus.Rounds.PeriodsMs(from), loopPercent, processPercent);
    }

    private static (List<double> LatenciesUs, List<double> RoundsUs) CardReads(TimedOsdpBus bus, Random random)
    {
        var pollIntervalMs = (int)OsdpTiming.Default.PollInterval.TotalMilliseconds;
        var latenciesUs = new List<double>(MeasuredReads);
        var from = bus.Rounds.Count;
        for (var i = -WarmUpReads; i < MeasuredReads; i++)
        {
            // A random moment of the poll cycle: the rounds run every poll interval, whatever this thread does.
            Thread.Sleep(random.Next(pollIntervalMs));
            var card = CardFormatCodec.Encode(CardFormats.H10301, 42, (ulong)(i + WarmUpReads));
            var presented = Stopwatch.GetTimestamp();
            bus.Simulators[random.Next(bus.Simulators.Count)].PresentCard(card);
            var (at, bits) = bus.Input.Next(Patience);
            if (bits != card)
                throw new InvalidOperationException($"card {i + WarmUpReads} was presented, another reached the panel; the figure would be meaningless");
            if (i >= 0)
                latenciesUs.Add(Stopwatch.GetElapsedTime(presented, at).TotalMicroseconds);
        }
        return (latenciesUs, bus.Rounds.DurationsUs(from));
    }

    private static void Await(Func<bool> condition, string failure)
    {
        if (!SpinWait.SpinUntil(condition, Patience))
            throw new TimeoutException($"{failure} within {Patience.TotalSeconds} s");
    }
}
