using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Gpio.Linux;
using Mailroom.Edge.Gpio.Observed;
using Mailroom.Edge.KernelLane.Tests.GpioSim;

namespace Mailroom.Edge.KernelLane.Tests.Gpio;

/// <summary>
/// What the installer's I/O view shows of lines the agent holds on the real kernel: the logical value from the owner's
/// own request, the electrical level on the simulated wire (active-low turned round), and the kernel's timestamp of the
/// last edge the owner read.
/// </summary>
public sealed class ObservedLineTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_held_input_and_output_show_the_wire_levels_and_the_kernels_edge_time()
    {
        using var sim = GpioSimChip.Create(GpioSimLayout.PiHeader("lane-observed"));
        sim.Line(22).Drive(true);
        using var linux = LinuxGpioChip.Open(sim.DevicePath);
        using var chip = new ObservedGpioChip(linux);
        using var inputs = chip.RequestInputs("mailroom-edge:door-inputs", [new InputLineSettings(new LineOffset(22), ActiveLow: true)], 16);
        using var outputs = chip.RequestOutputs("mailroom-edge:strikes", [new OutputLineSettings(new LineOffset(17), ActiveLow: true)]);

        var before = chip.NowNs;
        sim.Line(22).Drive(false);
        using var timeout = new CancellationTokenSource(Wait);
        Assert.True(await inputs.Events.WaitToReadAsync(timeout.Token));
        Assert.True(inputs.Events.TryRead(out var edge));
        outputs.SetValue(new LineOffset(17), true);

        var held = chip.HeldLines().ToDictionary(l => l.Offset.Value);
        var dps = held[22];
        Assert.Equal((true, false, edge.TimestampNs, EdgeKind.Rising), (dps.Logical!.Value, dps.Electrical!.Value, dps.LastChangeNs!.Value, dps.LastEdge!.Value));
        Assert.InRange(dps.LastChangeNs!.Value, before, chip.NowNs);
        var strike = held[17];
        Assert.Equal((true, false, 1L), (strike.Logical!.Value, strike.Electrical!.Value, strike.Changes));
        Assert.Equal(sim.Line(17).Level, strike.Electrical!.Value);
        Assert.Equal(("mailroom-edge:door-inputs", "mailroom-edge:strikes"), (dps.Consumer, strike.Consumer));
    }
}
