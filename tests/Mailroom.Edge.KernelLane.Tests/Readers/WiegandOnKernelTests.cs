using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Gpio.Linux;
using Mailroom.Edge.KernelLane.Tests.GpioSim;
using Mailroom.Edge.KernelLane.Tests.Guest;

namespace Mailroom.Edge.KernelLane.Tests.Readers;

/// <summary>
/// Whole Wiegand frames on the real kernel: a generator in the guest pulses two gpio-sim lines, and the agent's own
/// line request (pulse starts only: <see cref="WiegandLines"/>) and frame decoder (the production
/// <see cref="WiegandTiming.Default"/>) read them from the kernel's timestamps. The pulse widths the kernel stamped,
/// which the agent no longer reads, are measured by a request of both edges of this test's own and printed as
/// LANE-FIGURE lines for the benchmark report.
/// </summary>
public sealed class WiegandOnKernelTests
{
    private static readonly TimeSpan PulseWidth = TimeSpan.FromMicroseconds(50);
    private static readonly TimeSpan BitPeriod = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly WiegandBits Card = CardFormatCodec.Encode(CardFormats.H10301, 42, 1001);

    [Fact]
    public async Task A_26_bit_card_is_decoded_from_the_kernels_timestamps()
    {
        await using var reader = LaneReader.Start("lane-wiegand", eventBufferSize: 256);

        reader.Generator.Send(Card, PulseWidth, BitPeriod);

        AssertDecodes(await reader.NextFrameAsync());
    }

    /// <summary>
    /// What the kernel stamped for the generator's pulses, read through a request of both edges: the widths and
    /// intervals a real reader's 50 µs / 2 ms would show. Under the lane's instruction-counted clock they are what the
    /// generator asked for, give or take the few microseconds a sysfs write takes in the guest.
    /// </summary>
    [Fact]
    public async Task The_kernel_stamps_the_readers_pulse_widths_and_intervals()
    {
        using var sim = GpioSimChip.Create(GpioSimLayout.PiHeader("lane-wiegand-widths"));
        var generator = new WiegandPulseGenerator(sim.Line("GPIO23"), sim.Line("GPIO24"));
        generator.Idle();
        using var chip = LinuxGpioChip.Open(sim.DevicePath);
        using var lines = chip.RequestInputs("lane-widths", [new InputLineSettings(new LineOffset(23)), new InputLineSettings(new LineOffset(24))], 256);

        generator.Send(Card, PulseWidth, BitPeriod);

        var edges = new List<LineEdgeEvent>();
        using var timeout = new CancellationTokenSource(Wait);
        while (edges.Count < 2 * Card.Length) edges.Add(await lines.Events.ReadAsync(timeout.Token));
        var starts = edges.Where(e => e.Edge == EdgeKind.Falling).ToList();
        var widths = starts.Zip(edges.Where(e => e.Edge == EdgeKind.Rising), (start, end) => (end.TimestampNs - start.TimestampNs) / 1000.0).ToList();
        var intervals = starts.Zip(starts.Skip(1), (a, b) => (b.TimestampNs - a.TimestampNs) / 1000.0).ToList();
        Assert.Equal(Card.Length, widths.Count);
        Figures.Report("wiegand.kernel_pulse_width_us_min", widths.Min());
        Figures.Report("wiegand.kernel_pulse_width_us_max", widths.Max());
        Figures.Report("wiegand.kernel_bit_interval_us_min", intervals.Min());
        Figures.Report("wiegand.kernel_bit_interval_us_max", intervals.Max());
        Assert.All(widths, w => Assert.InRange(w, PulseWidth.TotalMicroseconds, WiegandTiming.Default.MaxPulseWidth.TotalMicroseconds));
    }

    /// <summary>
    /// A busy device: the reader's pulses come while something outranks the kernel's GPIO interrupt thread, so the
    /// thread runs only after each pulse has ended and reads the line's level too late to tell a falling edge from a
    /// rising one. The hard interrupt still stamped both edges at the right time; the frame must still decode.
    /// </summary>
    [Fact]
    public async Task A_card_still_decodes_when_the_kernels_interrupt_thread_runs_after_each_pulse_has_ended()
    {
        await using var reader = LaneReader.Start("lane-wiegand-busy", eventBufferSize: 256);

        reader.GeneratorAt(RealtimePriority.KernelIrqThread + 10).Send(Card, PulseWidth, BitPeriod);

        AssertDecodes(await reader.NextFrameAsync());
    }

    /// <summary>A burst that overflows a tiny kernel buffer spoils that frame only: the loss is counted and the next card decodes.</summary>
    [Fact]
    public async Task After_a_kernel_buffer_overflow_the_next_card_decodes()
    {
        await using var reader = LaneReader.Start("lane-wiegand-overflow", eventBufferSize: 4);

        // Above the event reader, below the interrupt thread, never sleeping: the kernel's 4-event fifo overflows.
        reader.Generator.Send(Card, PulseWidth, BitPeriod, spinGaps: true);

        var spoiled = await reader.NextFrameAsync();
        Assert.True(spoiled.Outcome != WiegandFrameOutcome.Complete, $"a frame whose first edges the kernel dropped came out complete with {spoiled.BitCount} bits: {spoiled.Bits}");
        Assert.True(reader.DroppedEvents > 0, "the overflow was not counted");

        reader.Generator.Send(Card, PulseWidth, BitPeriod);
        AssertDecodes(await reader.NextFrameAsync());
    }

    private static void AssertDecodes(WiegandFrame frame)
    {
        Assert.True(frame.Outcome == WiegandFrameOutcome.Complete, $"frame {frame.Outcome}: {frame.Problem} ({frame.BitCount} bits)");
        var decoded = CardFormatCodec.Decode(frame.Bits!.Value, CardFormats.H10301);
        Assert.True(decoded.IsOk, decoded.Error);
        Assert.Equal((42u, 1001UL), (decoded.Credential!.Facility!.Value, decoded.Credential.Number));
    }

    /// <summary>The agent's reader path on a fresh gpio-sim chip: <see cref="WiegandLines"/> and <see cref="WiegandReaderLoop"/>.</summary>
    private sealed class LaneReader : IAsyncDisposable
    {
        private readonly GpioSimChip _sim;
        private readonly LinuxGpioChip _chip;
        private readonly IInputLineRequest _lines;
        private readonly System.Threading.Channels.Channel<WiegandFrame> _frames = System.Threading.Channels.Channel.CreateUnbounded<WiegandFrame>();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        private LaneReader(string label, int eventBufferSize)
        {
            _sim = GpioSimChip.Create(GpioSimLayout.PiHeader(label));
            Generator = new WiegandPulseGenerator(_sim.Line("GPIO23"), _sim.Line("GPIO24"));
            Generator.Idle();
            _chip = LinuxGpioChip.Open(_sim.DevicePath);
            var d0 = _chip.ResolveLine("GPIO23");
            var d1 = _chip.ResolveLine("GPIO24");
            _lines = WiegandLines.Request(_chip, "lane-reader", d0, d1, eventBufferSize);
            var loop = new WiegandReaderLoop(_chip, _lines, new WiegandFrameAssembler(d0, d1, WiegandTiming.Default), TimeProvider.System);
            _loop = Task.Run(() => loop.RunAsync(frame => _frames.Writer.WriteAsync(frame), _stop.Token));
        }

        /// <summary>A reader that the kernel's interrupt thread can interrupt, as on a healthy device.</summary>
        public WiegandPulseGenerator Generator { get; }

        public WiegandPulseGenerator GeneratorAt(int priority) => new(_sim.Line("GPIO23"), _sim.Line("GPIO24"), priority);

        public long DroppedEvents => _lines.DroppedEvents;

        public static LaneReader Start(string label, int eventBufferSize) => new(label, eventBufferSize);

        public async Task<WiegandFrame> NextFrameAsync()
        {
            using var timeout = new CancellationTokenSource(Wait);
            return await _frames.Reader.ReadAsync(timeout.Token);
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
            }

            _lines.Dispose();
            _chip.Dispose();
            _sim.Dispose();
            _stop.Dispose();
        }
    }
}
