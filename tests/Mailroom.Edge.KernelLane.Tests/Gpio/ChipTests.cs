using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Gpio.Linux;
using Mailroom.Edge.KernelLane.Tests.GpioSim;

namespace Mailroom.Edge.KernelLane.Tests.Gpio;

/// <summary>Chip and line info (GPIO_GET_CHIPINFO_IOCTL, GPIO_V2_GET_LINEINFO_IOCTL) as the real kernel answers them.</summary>
public sealed class ChipTests
{
    [Fact]
    public void A_chip_is_found_by_label_and_its_lines_by_name_with_the_kernels_own_answers()
    {
        using var sim = GpioSimChip.Create(GpioSimLayout.PiHeader("lane-chip-info", new GpioSimHog(4, "w1-gpio")));
        using var chip = LinuxGpioChip.Open("lane-chip-info");

        Assert.Equal(sim.DevicePath, chip.Name);
        Assert.Equal("lane-chip-info", chip.Label);
        var lines = chip.ListLines();
        Assert.Equal(28, lines.Count);
        Assert.Equal(Enumerable.Range(0, 28).Select(i => $"GPIO{i}"), lines.Select(l => l.Name));
        Assert.Equal(new LineOffset(17), chip.ResolveLine("GPIO17"));
        var hogged = lines[4];
        Assert.True(hogged.Used);
        Assert.Equal("w1-gpio", hogged.Consumer);
        Assert.All(lines.Where(l => l.Offset.Value != 4), l => Assert.False(l.Used));
    }

    [Fact]
    public void A_held_line_is_refused_with_the_holders_name_and_the_other_lines_stay_free()
    {
        using var sim = GpioSimChip.Create(GpioSimLayout.PiHeader("lane-busy", new GpioSimHog(17, "gpio-hog-relay", "output-low")));
        using var chip = LinuxGpioChip.Open(sim.DevicePath);

        var busy = Assert.Throws<GpioLineBusyException>(() => chip.RequestOutputs("mailroom-edge", [new OutputLineSettings(new LineOffset(16)), new OutputLineSettings(new LineOffset(17))]));
        Assert.Contains("gpio-hog-relay", busy.Message, StringComparison.Ordinal);
        Assert.False(chip.ListLines()[16].Used);

        using var first = chip.RequestInputs("first", [new InputLineSettings(new LineOffset(5))], 16);
        var second = Assert.Throws<GpioLineBusyException>(() => chip.RequestInputs("second", [new InputLineSettings(new LineOffset(5))], 16));
        Assert.Contains("first", second.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_line_name_is_an_error_that_lists_the_chips_lines()
    {
        using var sim = GpioSimChip.Create(GpioSimLayout.PiHeader("lane-unknown-line"));
        using var chip = LinuxGpioChip.Open(sim.DevicePath);

        var error = Assert.Throws<GpioLineNotFoundException>(() => chip.ResolveLine("GPIO99"));
        Assert.Contains("GPIO27", error.Message, StringComparison.Ordinal);
    }
}
