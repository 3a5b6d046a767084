using System.Threading.Channels;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Gpio.Expanders;
using Mailroom.Edge.Gpio.Simulated;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Host.Tests.EndToEnd;

/// <summary>The real agent with the demo door's strike and position switch on an MCP23017 (a simulated register file
/// behind <see cref="System.Device.I2c.I2cDevice"/>), its INT wired to GPIO4 of the simulated SoC chip.</summary>
public class ExpanderDoorEndToEndTests
{
    private const int OlatB = 0x15;

    private static void OnExpander(EdgeOptions options)
    {
        options.Gpio.Expanders["expander-1"] = new ExpanderOptions { Chip = ExpanderChipKind.Mcp23017, Bus = 1, Address = "0x20", Interrupt = "GPIO4" };
        options.Doors["front"].Strike.Line = "expander-1:GPB0";
        options.Doors["front"].Dps!.Line = "expander-1:GPA1";
    }

    [Fact]
    public async Task A_granted_card_releases_the_strike_on_the_expander_and_its_position_switch_reports_the_door_open()
    {
        var mcp = new SimulatedMcp23xxx();
        var latchB = new SignalRecorder<RegisterWrite>();
        mcp.Written += w =>
        {
            if (w.Register == OlatB)
                latchB.Add(w);
        };
        await using var broker = await MosquittoBroker.StartAsync();
        await using var agent = await AgentHarness.StartWithExpandersAsync(broker.Port, (e, address) =>
            e.Bus == 1 && address == 0x20 ? mcp : throw new IOException($"nothing at 0x{address:X2} on bus {e.Bus}"), OnExpander);
        mcp.WireInterrupt(agent.Chip, agent.Chip.ResolveLine("GPIO4"));
        // Started locked: GPB0 an output driving low.
        Assert.Equal(0, mcp.Latch & 0x0100);
        Assert.Equal(0, mcp.Inputs & 0x0100);
        Assert.Equal(0x02, mcp.Register(0x02) & 0x02); // GPINTENA: the DPS interrupts on change

        var access = await agent.SwipeAsync(1001);
        Assert.Equal("access.granted", access.Event.Type);
        await latchB.WaitForAsync(w => (w.Value & 0x01) != 0, AgentHarness.Timeout);

        mcp.SetInput(1, false); // the demo's position switch is active-low: low is open
        await WaitForAsync(agent.Events, e => e is DoorStateChangedEvent { State: DoorState.Open });
        mcp.SetInput(1, true);
        await WaitForAsync(agent.Events, e => e is DoorStateChangedEvent { State: DoorState.Locked });
        await latchB.WaitForAsync(w => (w.Value & 0x01) == 0, AgentHarness.Timeout);
    }

    [Fact]
    public async Task An_expander_that_does_not_answer_stops_the_start_with_its_name_and_the_strike_untouched()
    {
        var mcp = new SimulatedMcp23xxx { Fail = true };
        await using var broker = await MosquittoBroker.StartAsync();

        var e = await Assert.ThrowsAnyAsync<Exception>(() => AgentHarness.StartWithExpandersAsync(broker.Port, (_, _) => mcp, OnExpander));

        var bus = Assert.IsType<ExpanderBusException>(Flatten(e).First(x => x is ExpanderBusException));
        Assert.Contains("expander-1 (MCP23017 at 0x20 on /dev/i2c-1)", bus.Message);
        Assert.Empty(mcp.Writes);
    }

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            yield return x;
    }

    private static async Task WaitForAsync(ChannelReader<AppendedEvent> events, Func<DomainEvent, bool> predicate)
    {
        using var timeout = new CancellationTokenSource(AgentHarness.Timeout);
        while (!predicate((await events.ReadAsync(timeout.Token)).Event))
        {
        }
    }
}
