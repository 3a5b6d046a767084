using System.Device.Gpio;
using Iot.Device.Mcp23xxx;
using Mailroom.Edge.Gpio.Simulated;

namespace Mailroom.Edge.Devices.Tests.Expanders;

/// <summary>
/// Why the agent drives expanders with its own register code (Mailroom.Edge.Gpio/Expanders) rather than Iot.Device.Bindings
/// 4.2.0's <see cref="Mcp23017"/> (docs/dependencies.md): what the binding writes, in order, when the strike of an
/// active-low relay board (safe = released = High) is opened as an output at High. A record of the binding's behaviour:
/// if a later version writes the level first, this fails and the choice can be revisited.
/// </summary>
public class Mcp23xxxBindingOrderTests
{
    [Fact]
    public void The_binding_clears_the_latch_when_created_and_makes_the_pin_an_output_before_writing_its_level()
    {
        var device = new SimulatedMcp23xxx();
        using var mcp = new Mcp23017(device);
        using var controller = new GpioController(mcp);
        // Created: every line an input (IODIR 0xFF) and the latch cleared through GPIOA/GPIOB (0x12, 0x13).
        Assert.Contains(new RegisterWrite(0x12, 0x00), device.Writes);
        Assert.Contains(new RegisterWrite(0x13, 0x00), device.Writes);
        var before = device.Writes.Count;

        controller.OpenPin(8, PinMode.Output, PinValue.High);

        // IODIRB first: from that write until GPIOB's, GPB0 drives the cleared latch, low, which pulls an active-low
        // relay in (the door's strike releases for one I2C transfer or more).
        Assert.Equal([new RegisterWrite(0x01, 0xFE), new RegisterWrite(0x0D, 0x00), new RegisterWrite(0x13, 0x01)], device.Writes.Skip(before));
    }
}
