using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Gpio.Expanders;

namespace Mailroom.Edge.Gpio.Tests.Expanders;

public class GpioChipWithExpandersTests
{
    [Fact]
    public void Expander_lines_get_their_own_offsets_and_names_in_the_line_list()
    {
        using var rig = new Mcp23017Rig();
        var chip = new GpioChipWithExpanders(rig.Soc, [rig.Chip]);

        Assert.Equal(new LineOffset(1008), chip.ResolveLine("expander-1:GPB0"));
        Assert.Equal(new LineOffset(1008), chip.ResolveLine("EXPANDER-1:8"));
        Assert.Equal(new LineOffset(17), chip.ResolveLine("GPIO17"));
        var line = chip.ListLines().Single(l => l.Offset == new LineOffset(1008));
        Assert.Equal("expander-1:GPB0", line.Name);
    }

    [Fact]
    public void An_unknown_expander_is_named_with_the_ones_that_exist()
    {
        using var rig = new Mcp23017Rig();
        var chip = new GpioChipWithExpanders(rig.Soc, [rig.Chip]);

        var e = Assert.Throws<GpioLineNotFoundException>(() => chip.ResolveLine("expander-2:GPA0"));
        Assert.Contains("configured: expander-1", e.Message);
    }

    [Fact]
    public void One_output_request_spans_the_soc_and_an_expander()
    {
        using var rig = new Mcp23017Rig();
        var chip = new GpioChipWithExpanders(rig.Soc, [rig.Chip]);
        var soc = chip.ResolveLine("GPIO17");
        var expander = chip.ResolveLine("expander-1:GPB0");

        using var outputs = chip.RequestOutputs("strikes", [new OutputLineSettings(soc), new OutputLineSettings(expander)]);
        outputs.SetValue(expander, true);

        Assert.Equal(0x0100, rig.Device.Latch);
        Assert.False(rig.Soc.IsHigh(soc));
        outputs.SetValue(soc, true);
        Assert.True(rig.Soc.IsHigh(soc));
        Assert.True(chip.ListLines().Single(l => l.Offset == expander).Used);
    }

    [Fact]
    public async Task One_input_request_spans_the_soc_and_an_expander_with_global_offsets_and_one_sequence()
    {
        using var rig = new Mcp23017Rig();
        var chip = new GpioChipWithExpanders(rig.Soc, [rig.Chip]);
        var rex = chip.ResolveLine("GPIO5");
        var dps = chip.ResolveLine("expander-1:GPA1");
        using var inputs = chip.RequestInputs("inputs", [new InputLineSettings(rex), new InputLineSettings(dps, ActiveLow: true)], 16);

        rig.Device.SetInput(1, false);
        var first = await inputs.Events.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        rig.Soc.SetInputLevel(rex, false); // simulated lines idle high
        var second = await inputs.Events.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal((dps, EdgeKind.Rising, 1u), (first.Offset, first.Edge, first.SeqNo));
        Assert.Equal((rex, EdgeKind.Falling, 2u), (second.Offset, second.Edge, second.SeqNo));
        Assert.True(inputs.GetValue(dps));
        Assert.False(inputs.GetValue(rex));
    }
}
