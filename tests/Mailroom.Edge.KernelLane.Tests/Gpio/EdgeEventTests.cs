using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Gpio.Linux;
using Mailroom.Edge.KernelLane.Tests.GpioSim;
using Mailroom.Edge.KernelLane.Tests.Guest;

namespace Mailroom.Edge.KernelLane.Tests.Gpio;

/// <summary>Edge events (struct gpio_v2_line_event) from the real kernel: timestamps, sequence numbers, bias, polarity.</summary>
public sealed class EdgeEventTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Edges_on_two_lines_arrive_in_order_with_kernel_timestamps_and_both_sequence_numbers()
    {
        using var sim = GpioSimChip.Create(GpioSimLayout.PiHeader("lane-edges"));
        sim.Line(23).Drive(true);
        sim.Line(24).Drive(true);
        using var chip = LinuxGpioChip.Open(sim.DevicePath);
        using var request = chip.RequestInputs("reader", [new InputLineSettings(new LineOffset(23)), new InputLineSettings(new LineOffset(24))], 64);

        long before = chip.NowNs;
        var driven = new List<(int Line, bool High)> { (23, false), (23, true), (24, false), (24, true), (23, false), (23, true) };
        foreach (var (line, high) in driven) sim.Line(line).Drive(high);
        long after = chip.NowNs;

        var events = await ReadAsync(request, driven.Count);
        Assert.Equal(driven.Select(d => (uint)d.Line), events.Select(e => e.Offset.Value));
        Assert.Equal(driven.Select(d => d.High ? EdgeKind.Rising : EdgeKind.Falling), events.Select(e => e.Edge));
        Assert.Equal(Enumerable.Range(1, driven.Count).Select(i => (uint)i), events.Select(e => e.SeqNo));
        Assert.Equal([1u, 2u, 1u, 2u, 3u, 4u], events.Select(e => e.LineSeqNo));
        Assert.All(events, e => Assert.InRange(e.TimestampNs, before, after));
        Assert.Equal(events.Select(e => e.TimestampNs).Order(), events.Select(e => e.TimestampNs));
        Assert.Equal(0, request.DroppedEvents);
    }

    [Fact]
    public async Task Active_low_inverts_the_logical_value_and_the_edge_and_one_edge_kind_can_be_asked_for()
    {
        using var sim = GpioSimChip.Create(GpioSimLayout.PiHeader("lane-active-low"));
        sim.Line(22).Drive(true);
        sim.Line(25).Drive(true);
        using var chip = LinuxGpioChip.Open(sim.DevicePath);
        using var request = chip.RequestInputs("door",
        [
            new InputLineSettings(new LineOffset(22), ActiveLow: true),
            new InputLineSettings(new LineOffset(25), Edges: EdgeDetection.Falling),
        ], 16);

        Assert.False(request.GetValue(new LineOffset(22)));
        Assert.True(request.GetValue(new LineOffset(25)));
        sim.Line(22).Drive(false);
        sim.Line(25).Drive(false);
        sim.Line(25).Drive(true);

        var events = await ReadAsync(request, 2);
        Assert.Equal((22u, EdgeKind.Rising), (events[0].Offset.Value, events[0].Edge));
        Assert.Equal((25u, EdgeKind.Falling), (events[1].Offset.Value, events[1].Edge));
        Assert.True(request.GetValue(new LineOffset(22)));
        Assert.False(request.Events.TryRead(out var extra), $"a rising edge on line 25 was reported although only falling edges were asked for: {extra}");
    }

    [Theory]
    [InlineData(LineBias.PullUp, "pull-up", true)]
    [InlineData(LineBias.PullDown, "pull-down", false)]
    public void A_requested_bias_pulls_the_line(LineBias bias, string pull, bool level)
    {
        using var sim = GpioSimChip.Create(GpioSimLayout.PiHeader("lane-bias"));
        sim.Line(5).Drive(!level);
        using var chip = LinuxGpioChip.Open(sim.DevicePath);

        using var request = chip.RequestInputs("rex", [new InputLineSettings(new LineOffset(5), bias)], 16);

        Assert.Equal(pull, sim.Line(5).Pull);
        Assert.Equal(level, request.GetValue(new LineOffset(5)));
    }

    [Fact]
    public async Task Debounce_is_done_by_the_kernel_in_software_for_a_chip_without_it_a_bounce_is_swallowed()
    {
        using var sim = GpioSimChip.Create(GpioSimLayout.PiHeader("lane-debounce"));
        sim.Line(6).Drive(true);
        using var chip = LinuxGpioChip.Open(sim.DevicePath);
        using var request = chip.RequestInputs("rex", [new InputLineSettings(new LineOffset(6), Debounce: TimeSpan.FromMilliseconds(10))], 16);

        // A bounce: low, high, low within a few microseconds, then low for good.
        sim.Line(6).Drive(false);
        sim.Line(6).Drive(true);
        sim.Line(6).Drive(false);

        var events = await ReadAsync(request, 1);
        Assert.Equal(EdgeKind.Falling, events[0].Edge);
        Assert.Equal(1u, events[0].SeqNo);
        sim.Line(6).Drive(true);
        var release = await ReadAsync(request, 1);
        Assert.Equal((EdgeKind.Rising, 2u), (release[0].Edge, release[0].SeqNo));
        Assert.True(release[0].TimestampNs - events[0].TimestampNs >= TimeSpan.FromMilliseconds(10).Ticks * 100,
            "the debounced edges are at least one debounce period apart");
    }

    [Fact]
    public async Task A_burst_beyond_a_tiny_kernel_buffer_is_counted_as_dropped_and_the_next_edges_still_arrive()
    {
        using var sim = GpioSimChip.Create(GpioSimLayout.PiHeader("lane-overflow"));
        sim.Line(23).Drive(true);
        using var chip = LinuxGpioChip.Open(sim.DevicePath);
        using var request = chip.RequestInputs("reader", [new InputLineSettings(new LineOffset(23))], eventBufferSize: 2);

        // Above every normal thread but below the kernel's interrupt thread: the kernel queues each edge, and this
        // process's reader cannot drain its 2-event fifo until the burst is over.
        const int Edges = 64;
        using (RealtimePriority.Enter(RealtimePriority.KernelIrqThread - 10))
        {
            for (int i = 0; i < Edges / 2; i++)
            {
                sim.Line(23).Drive(false);
                sim.Line(23).Drive(true);
            }
        }

        var received = new List<LineEdgeEvent>();
        using var timeout = new CancellationTokenSource(Wait);
        while (received.Count == 0 || received[^1].SeqNo < Edges)
            received.Add(await request.Events.ReadAsync(timeout.Token));
        Assert.True(request.DroppedEvents > 0, $"no drop counted for {Edges} edges into a 2-event buffer; received {received.Count}");
        Assert.Equal(Edges - received.Count, request.DroppedEvents);
        // The kernel makes room by dropping the oldest events: the gap shows before the first event read or between two.
        Assert.Contains(received.Select(e => e.SeqNo).Prepend(0u).Zip(received.Select(e => e.SeqNo)), pair => pair.Second - pair.First > 1);

        sim.Line(23).Drive(false);
        var next = await ReadAsync(request, 1);
        Assert.Equal((uint)Edges + 1, next[0].SeqNo);
    }

    private static async Task<List<LineEdgeEvent>> ReadAsync(IInputLineRequest request, int count)
    {
        using var timeout = new CancellationTokenSource(Wait);
        var events = new List<LineEdgeEvent>();
        while (events.Count < count) events.Add(await request.Events.ReadAsync(timeout.Token));
        return events;
    }
}
