using System.Diagnostics;
using System.Security.Cryptography;
using System.Threading.Channels;
using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Gpio.Simulated;
using Mailroom.Edge.Host.Composition;
using Mailroom.Edge.Host.Demo;
using Mailroom.Edge.Host.Doors;
using Mailroom.Edge.Host.RemoteCommands;
using Mailroom.Edge.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Edge.Benchmarks.Commands;

/// <summary>
/// <c>command.unlock_latency_p99_ms</c>: from a signed <c>unlock</c> arriving at the agent (recorded in the command
/// inbox by the receipt gate, on libmosquitto's thread, just before it is handed to the MQTT loop) to the strike line set, in the real agent (parser, ECDSA verify, SQLite ledger commit with
/// <c>synchronous=FULL</c>, handler) on the simulated chip, against a real mosquitto on loopback; 500 commands. Both
/// ends are read on the chip's clock. The publish-to-strike time (through the broker) is given as context.
/// </summary>
public sealed class UnlockCommandLatencyBenchmark : IBenchmark
{
    private const int Commands = 500;
    private const int Warmup = 20;

    public IReadOnlyList<string> Names => ["command.unlock_latency_p99_ms"];

    public async Task<IReadOnlyList<BenchmarkFigure>> RunAsync()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        using var data = new TempDirectory("mailroom-bench-cmd");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var options = DemoOptions.Create(data.Path, broker.Host, broker.Port);
        options.Commands.Keys["bench"] = new CommandKeyOptions { PublicKey = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()) };
        options.Commands.ClockSynchronised = ClockTrust.Yes;
        var chip = new SimulatedGpioChip(TimeProvider.System);
        var strikeLine = chip.ResolveLine("GPIO17");
        var unlocked = Channel.CreateUnbounded<long>();
        chip.OutputChanged += c =>
        {
            if (c.Offset == strikeLine && c.Active)
                unlocked.Writer.TryWrite(c.TimestampNs);
        };
        var arrivals = new ArrivalStamp(chip);
        using var host = EdgeAgentHost.Build(options, s =>
        {
            s.UseSimulatedChip(chip);
            s.AddSingleton<IAcknowledgementGate>(sp => arrivals.Wrap(ActivatorUtilities.CreateInstance<CommandReceiptGate>(sp)));
        }, consoleLogs: false);
        await Task.Run(() => host.StartAsync());
        try
        {
            var device = host.Services.GetRequiredService<DeviceIdentity>();
            var strike = host.Services.GetRequiredService<DoorAssembly>().Hardware.Strike(new DoorId("front"));
            await using var operatorClient = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, $"{device.TopicRoot}/cmd-result", TimeSpan.FromSeconds(30));
            var topic = $"{device.TopicRoot}/cmd/{CommandNames.Unlock}";
            var arrivalToStrikeMs = new List<double>(Commands);
            var publishToStrikeMs = new List<double>(Commands);
            for (var i = 0; i < Warmup + Commands; i++)
            {
                var now = DateTimeOffset.UtcNow;
                var envelope = CommandSigner.SignEnvelope(new CommandDraft(Guid.NewGuid().ToString("N"), CommandNames.Unlock, device.Site, device.Device,
                    "bench", i + 1, now, now.AddMinutes(1), new() { ["door"] = "front" }), key);
                var published = Stopwatch.GetTimestamp();
                operatorClient.Transport.Publish(topic, envelope, 1, false);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                var strikeNs = await unlocked.Reader.ReadAsync(timeout.Token);
                var elapsed = Stopwatch.GetElapsedTime(published);
                strike.Lock();
                if (i < Warmup)
                    continue;
                arrivalToStrikeMs.Add((strikeNs - arrivals.LastNs) / 1e6);
                publishToStrikeMs.Add(elapsed.TotalMilliseconds);
            }
            var context = new Dictionary<string, object>
            {
                ["commands"] = Commands,
                ["p50_ms"] = Math.Round(Percentiles.Of(arrivalToStrikeMs, 50), 3),
                ["max_ms"] = Math.Round(arrivalToStrikeMs.Max(), 3),
                ["publish_to_strike_p99_ms"] = Math.Round(Percentiles.Of(publishToStrikeMs, 99), 3),
                ["ledger_sync"] = "FULL",
            };
            return [new BenchmarkFigure("command.unlock_latency_p99_ms", Percentiles.Of(arrivalToStrikeMs, 99), "ms", context)];
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>Notes when the receipt gate has recorded a message (its inbox commit is not part of the figure, as it was
    /// not when the MQTT loop's hand-over was stamped), on the chip's clock.</summary>
    private sealed class ArrivalStamp(SimulatedGpioChip chip)
    {
        public long LastNs;

        public SimulatedGpioChip Chip { get; } = chip;

        public IAcknowledgementGate Wrap(IAcknowledgementGate inner) => new Stamping(this, inner);

        private sealed class Stamping(ArrivalStamp stamp, IAcknowledgementGate inner) : IAcknowledgementGate
        {
            public MqttMessageReceived? BeforeAcknowledge(MqttMessageReceived message)
            {
                var recorded = inner.BeforeAcknowledge(message);
                Volatile.Write(ref stamp.LastNs, stamp.Chip.NowNs);
                return recorded;
            }
        }
    }
}
