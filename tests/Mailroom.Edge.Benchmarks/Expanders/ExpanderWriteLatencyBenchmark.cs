using System.Device.I2c;
using System.Diagnostics;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Gpio.Expanders;
using Mailroom.Edge.Gpio.Linux;
using Mailroom.Edge.Gpio.Simulated;

namespace Mailroom.Edge.Benchmarks.Expanders;

/// <summary>
/// <c>expander.strike_write_p99_us</c>: one strike change on an MCP23017 (<see cref="IOutputLineRequest.SetValue"/>:
/// the shadow update and one two-byte OLAT write), 10,000 alternating changes. Through the kernel's i2c-stub adapter on
/// <c>/dev/i2c-N</c> when this machine has it loaded (<c>modprobe i2c-dev; modprobe i2c-stub chip_addr=0x20</c>), else
/// through the simulated register file, which measures the agent's own code only; the figure's context says which and
/// why. On a real bus add the transfer itself: 4 bytes with address and ACKs, about 0.4 ms at 100 kHz, 0.1 ms at 400 kHz.
/// </summary>
public sealed class ExpanderWriteLatencyBenchmark : IBenchmark
{
    private const int Changes = 10_000;

    public IReadOnlyList<string> Names => ["expander.strike_write_p99_us"];

    public Task<IReadOnlyList<BenchmarkFigure>> RunAsync()
    {
        var (device, transport) = OpenDevice();
        using var soc = new SimulatedGpioChip(TimeProvider.System);
        using var expander = ExpanderChip.Open("bench", "at 0x20", ExpanderChipKind.Mcp23017, device, soc, null, TimeProvider.System);
        var strike = expander.ResolveLine("GPB0");
        using var outputs = expander.RequestOutputs("bench", [new OutputLineSettings(strike)]);
        var latenciesUs = new List<double>(Changes);
        for (var i = -500; i < Changes; i++)
        {
            var started = Stopwatch.GetTimestamp();
            outputs.SetValue(strike, i % 2 == 0);
            if (i >= 0)
                latenciesUs.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
        }
        outputs.SetValue(strike, false);
        return Task.FromResult<IReadOnlyList<BenchmarkFigure>>(
        [
            new BenchmarkFigure("expander.strike_write_p99_us", Percentiles.Of(latenciesUs, 99), "us", new Dictionary<string, object>
            {
                ["changes"] = Changes,
                ["p50_us"] = Math.Round(Percentiles.Of(latenciesUs, 50), 2),
                ["transport"] = transport,
            }),
        ]);
    }

    /// <summary>The i2c-stub adapter's chip at 0x20 if it is there, else the simulated register file, with why.</summary>
    private static (I2cDevice Device, string Transport) OpenDevice()
    {
        const string devices = "/sys/bus/i2c/devices";
        var stub = Directory.Exists(devices)
            ? Directory.EnumerateDirectories(devices, "i2c-*").FirstOrDefault(a => File.Exists(Path.Combine(a, "name")) && File.ReadAllText(Path.Combine(a, "name")).Trim() == "SMBus stub driver")
            : null;
        if (stub is not null)
        {
            var bus = int.Parse(Path.GetFileName(stub)["i2c-".Length..], System.Globalization.CultureInfo.InvariantCulture);
            try
            {
                var device = SmbusDevice.Open(bus, 0x20);
                // i2c-stub's registers start at zero; set the MCP23017's power-on directions (all inputs).
                device.Write([0x00, 0xFF, 0xFF]);
                return (device, $"/dev/i2c-{bus} (kernel i2c-stub through i2c-dev, SMBus word writes)");
            }
            catch (GpioException e)
            {
                Console.Error.WriteLine($"bench: expander: i2c-stub is loaded but /dev/i2c-{bus} cannot be used ({e.Message}); measuring the simulated register file instead");
                return (new SimulatedMcp23xxx(), $"simulated register file (/dev/i2c-{bus}: {e.Message})");
            }
        }
        const string why = "no i2c-stub adapter on this machine (modprobe i2c-dev; modprobe i2c-stub chip_addr=0x20 to measure the kernel path)";
        Console.Error.WriteLine($"bench: expander: {why}; measuring the simulated register file instead");
        return (new SimulatedMcp23xxx(), $"simulated register file: {why}");
    }
}
