using System.Diagnostics;
using Iot.Device.Mfrc522;
using Mailroom.Edge.Benchmarks.Decision;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Nfc;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Core.Schedules;
using Mailroom.Edge.Devices.Nfc;
using Mailroom.Edge.Devices.Simulation;
using Mailroom.Edge.Gpio.Simulated;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Benchmarks.Nfc;

/// <summary>
/// NFC figures on the simulated MFRC522 (register level, behind its SPI device), driven by Iot.Device.Bindings'
/// MfRc522 through the agent's adapter and reader loop, in real time:
/// <list type="bullet">
/// <item><c>nfc.card_to_decision_ms_p50/p99</c>: a card put in the field at a random moment of the 100 ms poll cycle
/// to the strike line set (the loop's thread polls, the access point decides, the door unlocks); 200 cards, each a
/// different enrolled UID so no card waits for the previous one to leave.</item>
/// <item><c>nfc.poll_with_card_ms_p50</c>: one poll that reads a 7-byte card (REQA, two cascade levels, CRCs) and its
/// SPI transfers.</item>
/// <item><c>nfc.empty_poll_ms_p50</c> and <c>nfc.empty_poll_ms_p50_binding_timer</c>: one poll of an empty field with
/// the adapter's timer (TModeReg.TAuto, 5 ms) and with the binding's own settings (no TAuto: its 36 ms wait runs out),
/// with the SPI transfers each spends spinning on ComIrqReg: the before and after of the adapter's fix, in one run.</item>
/// </list>
/// Simulated SPI transfers cost microseconds where a real 1 MHz bus costs ~20 µs each: the figures are the software's
/// part, plus the chip timer's wait, which the simulation honours in real time.
/// </summary>
public sealed class NfcReaderBenchmark : IBenchmark
{
    private const int Cards = 200;
    private const int Polls = 50;

    public IReadOnlyList<string> Names =>
    [
        "nfc.card_to_decision_ms_p50", "nfc.card_to_decision_ms_p99", "nfc.poll_with_card_ms_p50",
        "nfc.empty_poll_ms_p50", "nfc.empty_poll_ms_p50_binding_timer",
    ];

    public Task<IReadOnlyList<BenchmarkFigure>> RunAsync()
    {
        var figures = new List<BenchmarkFigure>();
        figures.AddRange(PollCosts());
        figures.AddRange(CardToDecision());
        return Task.FromResult<IReadOnlyList<BenchmarkFigure>>(figures);
    }

    private static IEnumerable<BenchmarkFigure> PollCosts()
    {
        var chip = new SimulatedMfrc522();
        var bus = NfcBusAddress.Parse("Spi:0.0", out _)!;
        using var adapter = NfcChips.Open(NfcChipModel.Mfrc522, bus, new SimulatedNfcBuses().Place("Spi:0.0", chip), null);
        var (emptyMs, emptyTransfers) = Measure(chip, () => adapter.Detect());

        var card = new SimulatedCard(Convert.FromHexString("04A22B1AC35D80"));
        chip.Present(card);
        // A selected card skips the next REQA (ISO 14443-3): every other poll reads it; only those are timed.
        var withCard = new List<double>();
        long cardTransfers = 0;
        while (withCard.Count < Polls)
        {
            var before = chip.Transfers;
            var watch = Stopwatch.StartNew();
            if (adapter.Detect() is not null)
            {
                withCard.Add(watch.Elapsed.TotalMilliseconds);
                cardTransfers = chip.Transfers - before;
            }
        }
        chip.Remove();

        // The binding alone, as it leaves the chip's timer: no TAuto.
        var plain = new SimulatedMfrc522();
        using var binding = new MfRc522(plain, -1, null, shouldDispose: false);
        var (bindingMs, bindingTransfers) = Measure(plain, () => binding.ListenToCardIso14443TypeA(out _, TimeSpan.Zero));

        yield return new BenchmarkFigure("nfc.poll_with_card_ms_p50", Percentiles.Of(withCard, 50), "ms",
            new Dictionary<string, object> { ["spi_transfers"] = cardTransfers, ["uid_bytes"] = 7, ["polls"] = Polls });
        yield return new BenchmarkFigure("nfc.empty_poll_ms_p50", Percentiles.Of(emptyMs, 50), "ms",
            new Dictionary<string, object> { ["spi_transfers"] = emptyTransfers, ["timer"] = "TAuto, 5 ms (the adapter)", ["polls"] = Polls });
        yield return new BenchmarkFigure("nfc.empty_poll_ms_p50_binding_timer", Percentiles.Of(bindingMs, 50), "ms",
            new Dictionary<string, object> { ["spi_transfers"] = bindingTransfers, ["timer"] = "the binding's defaults (no TAuto)", ["polls"] = Polls });
    }

    private static (List<double> Ms, long Transfers) Measure(SimulatedMfrc522 chip, Action poll)
    {
        var ms = new List<double>();
        long transfers = 0;
        for (var i = 0; i < Polls; i++)
        {
            var before = chip.Transfers;
            var watch = Stopwatch.StartNew();
            poll();
            ms.Add(watch.Elapsed.TotalMilliseconds);
            transfers = chip.Transfers - before;
        }
        return (ms, transfers);
    }

    private static IEnumerable<BenchmarkFigure> CardToDecision()
    {
        var uids = Enumerable.Range(0, Cards).Select(i => new byte[] { 0x04, 0x10, 0x20, 0x30, 0x40, (byte)(i >> 8), (byte)i }).ToArray();
        var store = new InMemoryCredentials();
        foreach (var uid in uids)
            store.Add(new EnrolledCredential("Uid", null, UidCredentials.Whole(new CardUid(uid)).Credential!.Number, "holder", true, null, null));

        var doorTime = new ManualTimeProvider();
        using var gpio = new SimulatedGpioChip(TimeProvider.System);
        var strikeLine = gpio.ResolveLine("GPIO17");
        using var outputs = gpio.RequestOutputs("bench", [new OutputLineSettings(strikeLine)]);
        using var strike = new DoorStrike(outputs, strikeLine, energiseToUnlock: true);
        using var unlocked = new SemaphoreSlim(0);
        long unlockedNs = 0;
        gpio.OutputChanged += change =>
        {
            if (!change.Active)
                return;
            unlockedNs = change.TimestampNs;
            unlocked.Release();
        };
        var events = new DiscardingEvents();
        var bench = new DoorId("bench");
        using var door = new DoorController(bench, new DoorSettings(), strike, doorTime, events);
        var site = new DoorSite([door], [], doorTime, events);
        var rules = new AccessRules(store, AccessRuleSet.Open, site, new ScheduleClock(doorTime, new FixedClockStatus(true), UnsyncedClockPolicy.OutsideSchedule), doorTime);
        using var point = new AccessPoint(new ReaderId("bench-nfc"), ReaderDirection.None, [CardFormats.Uid], rules, site, door, events, doorTime);
        var chip = new SimulatedMfrc522();
        var buses = new SimulatedNfcBuses().Place("Spi:0.0", chip);
        var bus = NfcBusAddress.Parse("Spi:0.0", out _)!;
        using var loop = new NfcReaderLoop(() => NfcChips.Open(NfcChipModel.Mfrc522, bus, buses, null), point, events, doorTime);

        using var stop = new ManualResetEventSlim();
        var thread = new Thread(() =>
        {
            while (!stop.IsSet)
                stop.Wait(loop.PollOnce());
        }) { Name = "nfc bench", IsBackground = true };
        thread.Start();
        var random = new Random(1);
        var latencies = new List<double>(Cards);
        try
        {
            foreach (var uid in uids)
            {
                // A random moment of the poll cycle (a benchmark may wait; nothing is synchronised by it).
                Thread.Sleep(random.Next(0, (int)NfcTiming.Default.PollInterval.TotalMilliseconds));
                var presentedNs = gpio.NowNs;
                chip.Present(new SimulatedCard(uid));
                if (!unlocked.Wait(TimeSpan.FromSeconds(5)))
                    throw new InvalidOperationException("an enrolled card did not unlock the door within 5 s: the benchmark is broken");
                latencies.Add((unlockedNs - presentedNs) / 1e6);
                doorTime.Advance(TimeSpan.FromSeconds(6));
            }
        }
        finally
        {
            stop.Set();
            thread.Join();
        }
        var context = new Dictionary<string, object>
        {
            ["cards"] = Cards, ["poll_interval_ms"] = NfcTiming.Default.PollInterval.TotalMilliseconds, ["chip"] = "simulated MFRC522 via Iot.Device.Bindings MfRc522",
            ["max_ms"] = Math.Round(latencies.Max(), 2),
        };
        yield return new BenchmarkFigure("nfc.card_to_decision_ms_p50", Percentiles.Of(latencies, 50), "ms", context);
        yield return new BenchmarkFigure("nfc.card_to_decision_ms_p99", Percentiles.Of(latencies, 99), "ms", context);
    }
}
