using System.Threading.Channels;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Gpio.Simulated;
using Mailroom.Edge.Host.Composition;
using Mailroom.Edge.Host.Demo;
using Mailroom.Edge.Host.Installer;
using Mailroom.Edge.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Edge.Benchmarks.Installer;

/// <summary>
/// <c>installer.decision_latency_idle_p99_us</c> and <c>installer.decision_latency_streaming_p99_us</c>: the door path
/// never waits for the installer's page. The real agent (demo options, simulated chip, real mosquitto) with the
/// installer's window open; a card is swiped on the Wiegand lines, and the latency is from the frame's last edge to the
/// strike energised, both on the chip's clock. First with no browser, then while 20 logged-in browsers each stream
/// <c>/live/io</c> and <c>/live/readers</c> and one more holds <c>/live/io</c> open without reading it.
/// </summary>
public sealed class InstallerStreamingBenchmark : IBenchmark
{
    private const int Warmup = 20;
    private const int Swipes = 200;
    private const int Sessions = 20;
    private const string Code = "ABCDEFGH2345";
    private const string Password = "correct horse battery";

    // Enrolled (granted) by the demo's credentials: Ada Lovelace.
    private const ulong Card = 1001;

    public IReadOnlyList<string> Names => ["installer.decision_latency_idle_p99_us", "installer.decision_latency_streaming_p99_us"];

    public async Task<IReadOnlyList<BenchmarkFigure>> RunAsync()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        using var data = new TempDirectory("mailroom-bench-installer");
        var options = DemoOptions.Create(data.Path, broker.Host, broker.Port);
        options.Installer.Bind = "127.0.0.1:0";
        // Short, so the strike relocks soon after each swipe (100 ms is the validator's minimum; the minimum pulse may
        // not exceed the grant).
        options.Doors["front"].GrantTime = TimeSpan.FromMilliseconds(150);
        options.Doors["front"].MinimumPulse = TimeSpan.FromMilliseconds(100);
        new InstallerWindowFile(Path.Combine(data.Path, InstallerWindowFile.FileName)).Write(new InstallerWindow(DateTimeOffset.UtcNow.AddHours(1), PinHash.Hash(Code, 1000)));

        using var chip = new SimulatedGpioChip(TimeProvider.System);
        var strikeLine = chip.ResolveLine("GPIO17");
        var strike = Channel.CreateUnbounded<OutputChange>();
        chip.OutputChanged += c =>
        {
            if (c.Offset == strikeLine)
                strike.Writer.TryWrite(c);
        };
        using var host = EdgeAgentHost.Build(options, s => s.UseSimulatedChip(chip), consoleLogs: false);
        var events = host.Services.GetRequiredService<EventDispatcher>().Subscribe();
        await Task.Run(() => host.StartAsync());
        try
        {
            await NextAsync(events, e => e.Event is InstallerEvent { Kind: "enabled" }, TimeSpan.FromSeconds(30));
            var address = host.Services.GetRequiredService<InstallerPageService>().Address!;
            var door = new Door(chip, strike.Reader, events);

            await door.SwipeAsync(Warmup);
            var idle = await door.SwipeAsync(Swipes);
            await using var browsers = await InstallerBrowsers.OpenAsync(options, address, Sessions, Code, Password);
            var eventsBefore = browsers.Events;
            var streaming = await door.SwipeAsync(Swipes);
            var received = browsers.Events - eventsBefore;
            var openStreams = browsers.OpenStreams;

            // The reader loop waits for the end-of-frame silence (4 bit periods of the frame: 8 ms at the simulated
            // reader's 2 ms) before it decodes; that wait is in both figures alike.
            return
            [
                Figure("installer.decision_latency_idle_p99_us", idle, new() { ["sessions"] = 0 }),
                Figure("installer.decision_latency_streaming_p99_us", streaming, new()
                {
                    ["sessions"] = Sessions,
                    ["streams"] = $"{2 * Sessions} read (/live/io, /live/readers), 1 never read (/live/io)",
                    ["events_received"] = received,
                    ["streams_open_at_end"] = openStreams,
                }),
            ];
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static BenchmarkFigure Figure(string name, List<double> latenciesUs, Dictionary<string, object> context)
    {
        context["swipes"] = latenciesUs.Count;
        context["p50_us"] = Math.Round(Percentiles.Of(latenciesUs, 50), 1);
        context["max_us"] = Math.Round(latenciesUs.Max(), 1);
        context["includes"] = "Wiegand end-of-frame silence (8 ms), the same in both phases";
        return new BenchmarkFigure(name, Percentiles.Of(latenciesUs, 99), "us", context);
    }

    private static async Task<T> NextAsync<T>(ChannelReader<T> reader, Func<T, bool> wanted, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            var item = await reader.ReadAsync(cancel.Token);
            if (wanted(item))
                return item;
        }
    }

    /// <summary>The demo's front door: its card reader on the chip, the strike's line changes and the agent's events.</summary>
    private sealed class Door(SimulatedGpioChip chip, ChannelReader<OutputChange> strike, ChannelReader<AppendedEvent> events)
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
        private readonly SimulatedWiegandReader _reader = new(chip, chip.ResolveLine("GPIO23"), chip.ResolveLine("GPIO24"), TimeProvider.System);
        private readonly WiegandBits _frame = CardFormatCodec.Encode(CardFormats.H10301, DemoOptions.Facility, Card);
        private readonly Random _pacing = new(1);

        /// <summary>Swipes the card <paramref name="count"/> times, each once the strike has relocked after the last, and
        /// returns the latencies (µs) from the frame's last edge to the strike energised.</summary>
        public async Task<List<double>> SwipeAsync(int count)
        {
            var latenciesUs = new List<double>(count);
            for (var i = 0; i < count; i++)
            {
                await _reader.SendAsync(_frame);
                var lastEdgeNs = chip.LastEdgeNs!.Value;
                var access = (AccessEvent)(await NextAsync(events, e => e.Event is AccessEvent, Timeout)).Event;
                if (!access.Decision.Granted)
                    throw new InvalidOperationException("card 1001 is enrolled by the demo; a denial means the benchmark is broken");
                var energised = await NextAsync(strike, c => c.Active, Timeout);
                await NextAsync(strike, c => !c.Active, Timeout);
                latenciesUs.Add((energised.TimestampNs - lastEdgeNs) / 1000.0);
                // 0-50 ms more, so the swipes do not fall in step with the live views' 250 ms refresh.
                await Task.Delay(_pacing.Next(50));
            }
            return latenciesUs;
        }
    }
}
