using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Gpio.Linux;
using Mailroom.Edge.KernelLane.Tests.GpioSim;

namespace Mailroom.Edge.KernelLane.Tests.Gpio;

/// <summary>Output requests: the safe value is part of the request, so the line is never seen at the unsafe one.</summary>
public sealed class OutputTests
{
    [Theory]
    [InlineData(false, false, false)] // energise-to-unlock strike, active-high relay: safe = low
    [InlineData(false, true, true)]   // the same through an active-low relay board: safe = high on the wire
    [InlineData(true, false, true)]   // fail-safe maglock held energised: safe = high
    [InlineData(true, true, false)]
    public void An_output_comes_up_at_its_safe_level_and_follows_logical_values(bool safeActive, bool activeLow, bool safeLevel)
    {
        using var sim = GpioSimChip.Create(GpioSimLayout.PiHeader("lane-outputs"));
        var wire = sim.Line(17);
        // The wire starts at the opposite level, so a request that set the direction before the value would show it.
        wire.Drive(!safeLevel);
        using var chip = LinuxGpioChip.Open(sim.DevicePath);

        using var request = chip.RequestOutputs("strike", [new OutputLineSettings(new LineOffset(17), activeLow, safeActive)]);
        Assert.Equal(safeLevel, wire.Level);
        var info = chip.ListLines()[17];
        Assert.True(info.IsOutput);
        Assert.Equal(activeLow, info.ActiveLow);
        Assert.Equal("strike", info.Consumer);

        request.SetValue(new LineOffset(17), !safeActive);
        Assert.Equal(!safeLevel, wire.Level);
        Assert.Equal(!safeActive, request.GetValue(new LineOffset(17)));
        request.SetValue(new LineOffset(17), safeActive);
        Assert.Equal(safeLevel, wire.Level);
    }

    [Fact]
    public void Lines_of_one_request_with_different_settings_each_get_their_own()
    {
        using var sim = GpioSimChip.Create(GpioSimLayout.PiHeader("lane-mixed-outputs"));
        using var chip = LinuxGpioChip.Open(sim.DevicePath);

        using var request = chip.RequestOutputs("mixed",
        [
            new OutputLineSettings(new LineOffset(17)),
            new OutputLineSettings(new LineOffset(18), ActiveLow: true),
            new OutputLineSettings(new LineOffset(27), SafeActive: true),
        ]);

        Assert.False(sim.Line(17).Level);
        Assert.True(sim.Line(18).Level);
        Assert.True(sim.Line(27).Level);
        var lines = chip.ListLines();
        Assert.False(lines[17].ActiveLow);
        Assert.True(lines[18].ActiveLow);
    }

    [Fact]
    public void Releasing_a_request_frees_its_lines()
    {
        using var sim = GpioSimChip.Create(GpioSimLayout.PiHeader("lane-release"));
        using var chip = LinuxGpioChip.Open(sim.DevicePath);

        chip.RequestOutputs("short-lived", [new OutputLineSettings(new LineOffset(17))]).Dispose();

        Assert.False(chip.ListLines()[17].Used);
        using var again = chip.RequestOutputs("again", [new OutputLineSettings(new LineOffset(17))]);
    }
}
