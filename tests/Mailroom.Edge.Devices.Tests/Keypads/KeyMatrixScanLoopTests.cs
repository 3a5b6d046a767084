using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Devices.Keypads;
using Mailroom.Edge.Devices.Simulation;
using Mailroom.Edge.Gpio.Simulated;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Devices.Tests.Keypads;

/// <summary>The scan loop on its own thread, beat by a fake clock: each step advances one interval and awaits the scan.</summary>
public sealed class KeyMatrixScanLoopTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);
    private readonly ManualTimeProvider _time = new();
    private readonly SimulatedGpioChip _chip;
    private readonly SignalRecorder<long> _scans = new();
    private readonly SignalRecorder<KeyMatrixReport> _reports = new();
    private readonly SignalRecorder<Exception> _faults = new();
    private readonly SimulatedKeyMatrix _pad;
    private readonly KeyMatrixScanLoop _loop;

    public KeyMatrixScanLoopTests()
    {
        _chip = new SimulatedGpioChip(_time);
        var layout = KeyMatrixTrackerTests.Layout();
        LineOffset[] rows = [new(5), new(6), new(13), new(19)];
        LineOffset[] columns = [new(16), new(20), new(21)];
        var lines = KeyMatrixLines.Request(_chip, "test", rows, columns, TimeSpan.Zero);
        _pad = new SimulatedKeyMatrix(_chip, rows, columns, layout);
        var tracker = new KeyMatrixTracker(layout, _time, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(10));
        _loop = new KeyMatrixScanLoop(lines, tracker, _time, Interval, "test", _reports.Add, _faults.Add);
        _loop.Scanned += _scans.Add;
        _loop.Start();
    }

    private async Task StepAsync(int scans = 1)
    {
        for (var i = 0; i < scans; i++)
        {
            var next = _loop.Scans + 1;
            _time.Advance(Interval);
            await _scans.WaitForAsync(n => n >= next, Timeout);
        }
    }

    [Fact]
    public async Task A_key_pressed_between_beats_is_reported_from_the_loop_thread_once()
    {
        await StepAsync(3);
        _pad.Press('3');
        await StepAsync(10);
        _pad.Release('3');
        await StepAsync(3);

        var press = Assert.Single(_reports.Snapshot());
        Assert.Equal((KeyMatrixReportKind.Pressed, '3'), (press.Kind, press.Label));
    }

    [Fact]
    public async Task A_failing_scan_is_reported_once_and_the_loop_goes_on()
    {
        await StepAsync(3);
        _chip.OutputChanged += Fail;
        await StepAsync(5);
        _chip.OutputChanged -= Fail;
        _pad.Press('6');
        await StepAsync(5);

        Assert.IsType<GpioException>(Assert.Single(_faults.Snapshot()));
        Assert.Equal('6', Assert.Single(_reports.Snapshot()).Label);
    }

    private static void Fail(OutputChange change) => throw new GpioException("line gone");

    [Fact]
    public async Task Disposing_stops_the_thread_and_releases_the_lines()
    {
        await StepAsync(2);
        _loop.Dispose();
        _time.Advance(Interval * 5);

        Assert.Equal(2, _loop.Scans);
        _chip.RequestOutputs("again", [new OutputLineSettings(new LineOffset(5))]).Dispose();
    }

    [Fact]
    public async Task On_the_system_clock_the_loop_keeps_its_own_beat_and_stops_when_disposed()
    {
        using var chip = new SimulatedGpioChip(TimeProvider.System);
        LineOffset[] rows = [new(5), new(6), new(13), new(19)];
        LineOffset[] columns = [new(16), new(20), new(21)];
        var layout = KeyMatrixTrackerTests.Layout();
        var lines = KeyMatrixLines.Request(chip, "system", rows, columns);
        using var pad = new SimulatedKeyMatrix(chip, rows, columns, layout);
        var reports = new SignalRecorder<KeyMatrixReport>();
        var scans = new SignalRecorder<long>();
        var loop = new KeyMatrixScanLoop(lines, new KeyMatrixTracker(layout, TimeProvider.System, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(10)),
            TimeProvider.System, Interval, "system", reports.Add, _faults.Add);
        loop.Scanned += scans.Add;
        loop.Start();
        // Idle long enough to settle (no key down at the first reading), then a key held until it is taken.
        await scans.WaitForAsync(n => n >= 5, Timeout);
        pad.Press('9');
        var press = await reports.WaitForAsync(_ => true, Timeout);
        loop.Dispose();
        var after = loop.Scans;

        Assert.Equal('9', press.Label);
        Assert.Equal(after, loop.Scans);
        chip.RequestOutputs("again", [new OutputLineSettings(rows[0])]).Dispose();
    }

    public void Dispose()
    {
        _loop.Dispose();
        _pad.Dispose();
    }
}
