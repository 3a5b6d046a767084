using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Gpio.Expanders;
using Mailroom.Edge.Gpio.Simulated;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Gpio.Tests.Expanders;

public class ExpanderBusErrorTests
{
    [Fact]
    public void A_chip_that_does_not_answer_is_a_clear_error_when_opened()
    {
        var time = new ManualTimeProvider();
        using var soc = new SimulatedGpioChip(time);

        var e = Assert.Throws<ExpanderBusException>(() =>
            ExpanderChip.Open("expander-1", "at 0x20 on bus 1", ExpanderChipKind.Mcp23017, new SimulatedMcp23xxx { Fail = true }, soc, null, time));

        Assert.Contains("expander-1 (MCP23017 at 0x20 on bus 1)", e.Message);
        Assert.Contains("i2cdetect", e.Message);
        Assert.IsAssignableFrom<GpioException>(e);
    }

    [Fact]
    public void A_failed_unlock_throws_and_leaves_the_latch_locked_and_the_next_lock_is_written()
    {
        using var rig = new Mcp23017Rig();
        var strike = rig.Chip.ResolveLine("GPB0");
        using var outputs = rig.Chip.RequestOutputs("test", [new OutputLineSettings(strike)]);

        rig.Device.Fail = true;
        var e = Assert.Throws<ExpanderBusException>(() => outputs.SetValue(strike, true));
        Assert.Contains("setting GPB0 active", e.Message);
        Assert.Equal(0, rig.Device.Latch);
        Assert.False(outputs.GetValue(strike));

        rig.Device.Fail = false;
        var writes = rig.Device.Writes.Count;
        outputs.SetValue(strike, false);
        Assert.True(rig.Device.Writes.Count > writes, "a lock must reach the chip even when the shadow says locked");
    }

    [Fact]
    public async Task A_read_that_fails_after_an_interrupt_is_reported_and_retried_until_it_succeeds()
    {
        using var rig = new Mcp23017Rig();
        var faults = new SignalRecorder<ExpanderBusException>();
        rig.Chip.BusFault += faults.Add;
        var dps = rig.Chip.ResolveLine("GPA1");
        using var inputs = rig.Chip.RequestInputs("test", [new InputLineSettings(dps, LineBias.PullUp, ActiveLow: true)], 16);

        rig.Device.Fail = true;
        rig.Device.SetInput(1, false);
        var fault = await faults.WaitForAsync(_ => true, TimeSpan.FromSeconds(10));
        Assert.Contains("reading the inputs after an interrupt failed", fault.Message);
        Assert.True(rig.Device.InterruptAsserted);
        Assert.False(inputs.Events.TryRead(out _));

        rig.Device.Fail = false;
        rig.Time.Advance(ExpanderChip.ReadRetryInterval);

        Assert.True(inputs.Events.TryRead(out var edge));
        Assert.Equal((dps, EdgeKind.Rising), (edge.Offset, edge.Edge));
        Assert.False(rig.Device.InterruptAsserted);
        Assert.Equal(1, rig.Chip.BusFaults);
    }
}
