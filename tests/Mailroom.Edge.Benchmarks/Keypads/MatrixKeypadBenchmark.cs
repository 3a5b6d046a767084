using System.Diagnostics;
using Iot.Device.KeyMatrix;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Core.Readers.Keypad;
using Mailroom.Edge.Devices.Keypads;
using Mailroom.Edge.Devices.Simulation;
using Mailroom.Edge.Gpio.Bindings;
using Mailroom.Edge.Gpio.Simulated;

namespace Mailroom.Edge.Benchmarks.Keypads;

/// <summary>
/// A 4×3 matrix keypad on the simulated chip, in real time, for the choice in docs/dependencies.md:
/// <list type="bullet">
/// <item><c>keypad.scan_cpu_percent</c>: the process's CPU time per wall second, in percent of one core, while our scan
/// loop (<see cref="KeyMatrixScanLoop"/>, 10 ms interval, every row each beat) scans an idle pad, minus the same process
/// idle without it; with the row scans per second counted on the chip.</item>
/// <item><c>keypad.keymatrix_binding_cpu_percent</c>: the same for Iot.Device.Bindings' <c>KeyMatrix</c> listening
/// (<c>StartListeningKeyEvent</c>) through our <see cref="ChipGpioController"/>, with a 2 ms scan interval: it scans one
/// row per interval, so 2 ms is its nearest to our 100 full scans a second.</item>
/// <item><c>keypad.key_to_pin_entry_ms_p50/p99</c>: from a key pressed on the simulated pad (at a random moment of the
/// scan cycle) to the key handed to a <see cref="PinEntry"/> by our loop: the 20 ms debounce plus up to one interval
/// plus the wake-up; 200 presses.</item>
/// </list>
/// The simulated chip's reads and writes are calls in memory; on a Pi each is an ioctl of a few microseconds, so the
/// CPU figures here are a floor for both scanners, and their ratio the point.
/// </summary>
public sealed class MatrixKeypadBenchmark : IBenchmark
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan BindingInterval = TimeSpan.FromMilliseconds(2);
    private const int Presses = 200;
    private static readonly int[] Rows = [5, 6, 13, 19];
    private static readonly int[] Columns = [16, 20, 21];

    public IReadOnlyList<string> Names =>
        ["keypad.scan_cpu_percent", "keypad.keymatrix_binding_cpu_percent", "keypad.key_to_pin_entry_ms_p50", "keypad.key_to_pin_entry_ms_p99"];

    public Task<IReadOnlyList<BenchmarkFigure>> RunAsync()
    {
        var baseline = CpuPercent(Window);
        var (ours, ourRowScans) = Ours();
        var (binding, bindingRowScans) = Binding();
        var latencies = KeyToPinEntry();
        var context = new Dictionary<string, object> { ["window_s"] = Window.TotalSeconds, ["idle_process_cpu_percent"] = Math.Round(baseline, 3) };
        IReadOnlyList<BenchmarkFigure> figures =
        [
            new("keypad.scan_cpu_percent", ours - baseline, "%",
                new Dictionary<string, object>(context) { ["row_scans_per_s"] = Math.Round(ourRowScans), ["interval_ms"] = Interval.TotalMilliseconds }),
            new("keypad.keymatrix_binding_cpu_percent", binding - baseline, "%",
                new Dictionary<string, object>(context) { ["row_scans_per_s"] = Math.Round(bindingRowScans), ["interval_ms"] = BindingInterval.TotalMilliseconds }),
            new("keypad.key_to_pin_entry_ms_p50", Percentiles.Of(latencies, 50), "ms",
                new Dictionary<string, object> { ["presses"] = Presses, ["debounce_ms"] = Debounce.TotalMilliseconds, ["interval_ms"] = Interval.TotalMilliseconds }),
            new("keypad.key_to_pin_entry_ms_p99", Percentiles.Of(latencies, 99), "ms",
                new Dictionary<string, object> { ["presses"] = Presses, ["max_ms"] = Math.Round(latencies.Max(), 2) }),
        ];
        return Task.FromResult(figures);
    }

    private static (double CpuPercent, double RowScansPerSecond) Ours()
    {
        using var chip = new SimulatedGpioChip(TimeProvider.System);
        var rowScans = CountRowScans(chip);
        using var loop = StartOurs(chip, _ => { });
        var before = Volatile.Read(ref rowScans[0]);
        var cpu = CpuPercent(Window);
        return (cpu, (Volatile.Read(ref rowScans[0]) - before) / Window.TotalSeconds);
    }

    private static (double CpuPercent, double RowScansPerSecond) Binding()
    {
        using var chip = new SimulatedGpioChip(TimeProvider.System);
        var rowScans = CountRowScans(chip);
        using var controller = ChipGpioController.Create(chip, (_, _) => { }, "bench");
        var matrix = new KeyMatrix(Rows, Columns, BindingInterval, controller, shouldDispose: false);
        try
        {
            matrix.StartListeningKeyEvent();
            var before = Volatile.Read(ref rowScans[0]);
            var cpu = CpuPercent(Window);
            return (cpu, (Volatile.Read(ref rowScans[0]) - before) / Window.TotalSeconds);
        }
        finally
        {
            matrix.StopListeningKeyEvent();
            matrix.Dispose();
        }
    }

    /// <summary>Counts row drives (one per row scanned) by either scanner: ours drives a row low, the binding high.</summary>
    private static long[] CountRowScans(SimulatedGpioChip chip)
    {
        var count = new long[1];
        chip.OutputChanged += c =>
        {
            if (Rows.Contains((int)c.Offset.Value) && c.Active)
                Interlocked.Increment(ref count[0]);
        };
        return count;
    }

    private static KeyMatrixScanLoop StartOurs(SimulatedGpioChip chip, Action<KeyMatrixReport> onReport)
    {
        Assert(KeyMatrixLayout.TryCreate(Rows.Length, Columns.Length, "", out var layout) is null, "4×3 default layout");
        var lines = KeyMatrixLines.Request(chip, "bench", [.. Rows.Select(r => new LineOffset((uint)r))], [.. Columns.Select(c => new LineOffset((uint)c))]);
        var tracker = new KeyMatrixTracker(layout!, TimeProvider.System, Debounce, TimeSpan.FromSeconds(10));
        var loop = new KeyMatrixScanLoop(lines, tracker, TimeProvider.System, Interval, "bench", onReport,
            e => Console.Error.WriteLine($"keypad bench: {e.Message}"));
        loop.Start();
        return loop;
    }

    private static List<double> KeyToPinEntry()
    {
        using var chip = new SimulatedGpioChip(TimeProvider.System);
        Assert(KeyMatrixLayout.TryCreate(Rows.Length, Columns.Length, "", out var layout) is null, "4×3 default layout");
        var entry = new PinEntry(TimeProvider.System, TimeSpan.FromSeconds(5));
        using var reported = new SemaphoreSlim(0);
        long pressedAt = 0;
        var latencies = new List<double>(Presses);
        using var loop = StartOurs(chip, report =>
        {
            if (KeyMatrixLayout.PinKey(report.Label) is { } key)
                entry.Press(key);
            latencies.Add(Stopwatch.GetElapsedTime(Volatile.Read(ref pressedAt)).TotalMilliseconds);
            reported.Release();
        });
        using var pad = new SimulatedKeyMatrix(chip, [.. Rows.Select(r => new LineOffset((uint)r))], [.. Columns.Select(c => new LineOffset((uint)c))], layout!);
        var random = new Random(1);
        // A key already down at the first settled reading is no press (docs/configuration.md): let the pad settle idle.
        Thread.Sleep(Debounce + Interval * 3);
        for (var i = 0; i < Presses; i++)
        {
            // A random moment of the scan cycle, then hold the key until the loop has taken it.
            Thread.Sleep(random.Next(0, (int)Interval.TotalMilliseconds));
            var label = "123456789*0"[random.Next(11)];
            Volatile.Write(ref pressedAt, Stopwatch.GetTimestamp());
            pad.Press(label);
            Assert(reported.Wait(TimeSpan.FromSeconds(5)), $"key {label} (press {i}) not reported within 5 s; scans {loop.Scans}");
            pad.Release(label);
            // Released long enough for the tracker to see every key up again.
            Thread.Sleep(Debounce + Interval * 3);
        }
        return latencies;
    }

    /// <summary>The process's CPU time per wall second over <paramref name="window"/>, in percent of one core.</summary>
    private static double CpuPercent(TimeSpan window)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        Thread.Sleep(window);
        process.Refresh();
        return (process.TotalProcessorTime - cpu) / wall.Elapsed * 100;
    }

    private static void Assert(bool condition, string what)
    {
        if (!condition)
            throw new InvalidOperationException($"keypad bench: {what}");
    }
}
