using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Gpio.Expanders;
using Mailroom.Edge.Gpio.Simulated;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Gpio.Tests.Expanders;

public class Pcf8574ExpanderTests
{
    [Fact]
    public void An_active_low_relay_comes_up_released_and_inputs_stay_released_on_every_write()
    {
        var time = new ManualTimeProvider();
        using var soc = new SimulatedGpioChip(time);
        var device = new SimulatedPcf8574();
        using var chip = ExpanderChip.Open("relays", "at 0x20 on bus 1", ExpanderChipKind.Pcf8574, device, soc, new ExpanderInterrupt(soc, soc.ResolveLine("GPIO25")), time);
        var relay = chip.ResolveLine("P0");

        using var outputs = chip.RequestOutputs("test", [new OutputLineSettings(relay, ActiveLow: true)]);
        Assert.All(device.Writes, w => Assert.Equal(0xFF, w.Value)); // released all along: the relay never pulled in
        outputs.SetValue(relay, true);
        Assert.Equal(0xFE, device.Latch);
        Assert.Equal(0xFE, device.Pins);
        outputs.SetValue(relay, false);
        Assert.Equal(0xFF, device.Latch);
    }

    [Fact]
    public async Task An_input_change_arrives_through_INT()
    {
        var time = new ManualTimeProvider();
        using var soc = new SimulatedGpioChip(time);
        var device = new SimulatedPcf8574();
        var interrupt = soc.ResolveLine("GPIO25");
        device.WireInterrupt(soc, interrupt);
        using var chip = ExpanderChip.Open("relays", "at 0x20 on bus 1", ExpanderChipKind.Pcf8574, device, soc, new ExpanderInterrupt(soc, interrupt), time);
        using var outputs = chip.RequestOutputs("test", [new OutputLineSettings(chip.ResolveLine("P0"))]);
        var contact = chip.ResolveLine("P4");
        using var inputs = chip.RequestInputs("test", [new InputLineSettings(contact, LineBias.PullUp, ActiveLow: true)], 16);
        outputs.SetValue(chip.ResolveLine("P0"), true);
        Assert.Equal(0xFF, device.Latch | 0x01); // every other bit, the input too, written 1

        device.SetInput(4, false);
        var edge = await inputs.Events.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal((contact, EdgeKind.Rising), (edge.Offset, edge.Edge));
        Assert.True(inputs.GetValue(contact));
    }

    [Fact]
    public void A_pull_down_is_refused()
    {
        var time = new ManualTimeProvider();
        using var soc = new SimulatedGpioChip(time);
        using var chip = ExpanderChip.Open("relays", "at 0x20 on bus 1", ExpanderChipKind.Pcf8574, new SimulatedPcf8574(), soc, new ExpanderInterrupt(soc, soc.ResolveLine("GPIO25")), time);

        var e = Assert.Throws<GpioException>(() => chip.RequestInputs("test", [new InputLineSettings(new LineOffset(4), LineBias.PullDown)], 16));
        Assert.Contains("weak pull-up", e.Message);
    }
}
