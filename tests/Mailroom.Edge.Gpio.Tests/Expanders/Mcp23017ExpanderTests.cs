using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Gpio.Expanders;
using Mailroom.Edge.Gpio.Simulated;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Gpio.Tests.Expanders;

public class Mcp23017ExpanderTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void Opening_sets_a_mirrored_open_drain_interrupt_and_reads_the_chips_state()
    {
        using var rig = new Mcp23017Rig(device => device.Write([0x14, 0x00, 0x01]));

        // IOCON at 0x0A in the BANK=0 layout: MIRROR (0x40) | ODR (0x04).
        Assert.Contains(new RegisterWrite(0x0A, 0x44), rig.Device.Writes);
        Assert.Equal(0x44, rig.Device.Register(0x05, 1));
        Assert.Equal(0, rig.Device.Register(0x01)); // IPOL: no inversion
        Assert.All(rig.Chip.ListLines(), l => Assert.False(l.IsOutput));
        Assert.Equal(["GPA0", "GPB7"], [rig.Chip.ListLines()[0].Name, rig.Chip.ListLines()[15].Name]);
    }

    [Fact]
    public void A_strike_comes_up_at_its_safe_level_with_the_latch_written_before_the_direction()
    {
        // A previous run left GPB0 latched high (the relay's energised level) while it is still an input.
        using var rig = new Mcp23017Rig(device => device.Write([0x15, 0x01]));
        var strike = rig.Chip.ResolveLine("GPB0");
        var writesBefore = rig.Device.Writes.Count;

        using var outputs = rig.Chip.RequestOutputs("test", [new OutputLineSettings(strike, SafeActive: false)]);

        var writes = rig.Device.Writes.Skip(writesBefore).ToList();
        var latch = writes.FindIndex(w => w.Register == 0x15);
        var direction = writes.FindIndex(w => w.Register == 0x01);
        Assert.True(latch >= 0 && direction > latch, $"OLATB must be written before IODIRB; writes: {string.Join(", ", writes)}");
        Assert.Equal(0, writes[latch].Value & 0x01);
        Assert.Equal(0, rig.Device.Latch & 0x0100);
        Assert.Equal(0, rig.Device.Inputs & 0x0100);
        Assert.False(outputs.GetValue(strike));
    }

    [Fact]
    public void Setting_an_output_changes_only_its_bit_of_the_latch()
    {
        using var rig = new Mcp23017Rig(device => device.Write([0x14, 0x80, 0x00]));
        var strike = rig.Chip.ResolveLine("GPB0");
        var led = rig.Chip.ResolveLine("gpa3");
        using var outputs = rig.Chip.RequestOutputs("test", [new OutputLineSettings(strike), new OutputLineSettings(led, ActiveLow: true)]);
        Assert.Equal(0x0088, rig.Device.Latch); // GPA7 kept, GPA3 inactive = high (active-low)

        outputs.SetValue(strike, true);
        Assert.Equal(0x0188, rig.Device.Latch);
        outputs.SetValue(led, true);
        Assert.Equal(0x0180, rig.Device.Latch);
        outputs.SetValue(strike, false);
        Assert.Equal(0x0080, rig.Device.Latch);
    }

    [Fact]
    public void A_released_output_goes_back_to_its_safe_level()
    {
        using var rig = new Mcp23017Rig();
        var strike = rig.Chip.ResolveLine("GPB0");
        var outputs = rig.Chip.RequestOutputs("test", [new OutputLineSettings(strike)]);
        outputs.SetValue(strike, true);
        Assert.Equal(0x0100, rig.Device.Latch);

        outputs.Dispose();

        Assert.Equal(0, rig.Device.Latch);
        Assert.False(rig.Chip.ListLines()[8].Used);
    }

    [Fact]
    public void A_line_cannot_be_requested_twice()
    {
        using var rig = new Mcp23017Rig();
        var line = rig.Chip.ResolveLine("GPA0");
        using var first = rig.Chip.RequestOutputs("door", [new OutputLineSettings(line)]);

        var busy = Assert.Throws<GpioLineBusyException>(() => rig.Chip.RequestOutputs("other", [new OutputLineSettings(line)]));
        Assert.Equal("door", busy.Consumer);
    }

    [Fact]
    public void An_unknown_line_name_lists_the_chips_lines()
    {
        using var rig = new Mcp23017Rig();

        var e = Assert.Throws<GpioLineNotFoundException>(() => rig.Chip.ResolveLine("GPC0"));
        Assert.Contains("GPA0..GPB7", e.Message);
    }

    [Fact]
    public async Task An_input_change_asserts_INT_and_arrives_as_an_edge_stamped_with_the_INT_edge()
    {
        using var rig = new Mcp23017Rig();
        var dps = rig.Chip.ResolveLine("GPA1");
        using var inputs = rig.Chip.RequestInputs("test", [new InputLineSettings(dps, LineBias.PullUp, ActiveLow: true)], 16);
        Assert.Equal(0x02, rig.Device.Register(Mcp23017Rig.Gppu) & 0x02);
        Assert.Equal(0x02, rig.Device.Register(Mcp23017Rig.Gpinten) & 0x02);
        Assert.False(inputs.GetValue(dps));
        var assertedAt = rig.Soc.NowNs;

        rig.Device.SetInput(1, false);
        var edge = await inputs.Events.ReadAsync().AsTask().WaitAsync(Timeout);

        Assert.Equal(new LineEdgeEvent(assertedAt, dps, EdgeKind.Rising, 1, 1), edge);
        Assert.True(inputs.GetValue(dps));
        Assert.False(rig.Device.InterruptAsserted);
        rig.Device.SetInput(1, true);
        var back = await inputs.Events.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal((EdgeKind.Falling, 2u), (back.Edge, back.SeqNo));
    }

    [Fact]
    public async Task A_debounced_input_reports_a_change_only_once_it_has_held_for_the_period()
    {
        using var rig = new Mcp23017Rig();
        var rex = rig.Chip.ResolveLine("GPB2");
        using var inputs = rig.Chip.RequestInputs("test",
            [new InputLineSettings(rex, LineBias.PullUp, ActiveLow: true, Debounce: TimeSpan.FromMilliseconds(20))], 16);

        await rig.DriveAsync(10, false);
        rig.Time.Advance(TimeSpan.FromMilliseconds(5));
        await rig.DriveAsync(10, true); // a bounce
        rig.Time.Advance(TimeSpan.FromMilliseconds(5));
        await rig.DriveAsync(10, false);
        rig.Time.Advance(TimeSpan.FromMilliseconds(19));
        Assert.False(inputs.Events.TryRead(out _));
        var settledAt = rig.Soc.NowNs + 1_000_000;

        rig.Time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(inputs.Events.TryRead(out var edge));
        Assert.Equal((rex, EdgeKind.Rising, settledAt), (edge.Offset, edge.Edge, edge.TimestampNs));
        Assert.False(inputs.Events.TryRead(out _));
    }

    [Fact]
    public void Inputs_without_an_interrupt_line_are_refused_with_the_setting_to_add()
    {
        var time = new ManualTimeProvider();
        using var soc = new SimulatedGpioChip(time);
        using var chip = ExpanderChip.Open("expander-1", "at 0x20 on bus 1", ExpanderChipKind.Mcp23017, new SimulatedMcp23xxx(), soc, null, time);

        var e = Assert.Throws<GpioException>(() => chip.RequestInputs("test", [new InputLineSettings(new LineOffset(1))], 16));
        Assert.Contains("Gpio:Expanders:expander-1:Interrupt", e.Message);
    }

    [Fact]
    public void A_pull_down_is_refused_because_the_chip_has_none()
    {
        using var rig = new Mcp23017Rig();

        var e = Assert.Throws<GpioException>(() => rig.Chip.RequestInputs("test", [new InputLineSettings(new LineOffset(1), LineBias.PullDown)], 16));
        Assert.Contains("pull-ups only", e.Message);
    }

    [Fact]
    public void The_MCP23008_uses_its_own_register_addresses()
    {
        using var rig = new Mcp23017Rig(ports: 1);
        var strike = rig.Chip.ResolveLine("GP7");

        using var outputs = rig.Chip.RequestOutputs("test", [new OutputLineSettings(strike, SafeActive: false, ActiveLow: true)]);
        outputs.SetValue(strike, true);

        Assert.Contains(new RegisterWrite(0x05, 0x04), rig.Device.Writes); // IOCON: ODR, no MIRROR bit
        Assert.Equal(0x7F, rig.Device.Register(Mcp23017Rig.Iodir));
        Assert.Equal(0x00, rig.Device.Register(Mcp23017Rig.Olat));
        var latch = rig.Device.Writes.ToList().FindIndex(w => w.Register == 0x0A);
        var direction = rig.Device.Writes.ToList().FindIndex(w => w.Register == 0x00);
        Assert.True(latch < direction);
    }
}
