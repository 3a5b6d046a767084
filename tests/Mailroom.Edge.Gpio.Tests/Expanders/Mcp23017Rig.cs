using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Gpio.Expanders;
using Mailroom.Edge.Gpio.Simulated;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Gpio.Tests.Expanders;

/// <summary>An MCP23017 register file on a virtual clock, its INT wired to GPIO25 of a simulated SoC chip.</summary>
internal sealed class Mcp23017Rig : IDisposable
{
    public const int Olat = 0x0A;
    public const int Iodir = 0x00;
    public const int Gppu = 0x06;
    public const int Gpinten = 0x02;

    public Mcp23017Rig(Action<SimulatedMcp23xxx>? preset = null, int ports = 2)
    {
        Soc = new SimulatedGpioChip(Time);
        Interrupt = Soc.ResolveLine("GPIO25");
        Device = new SimulatedMcp23xxx(ports);
        preset?.Invoke(Device);
        Device.WireInterrupt(Soc, Interrupt);
        Chip = ExpanderChip.Open("expander-1", "at 0x20 on bus 1", ports == 2 ? ExpanderChipKind.Mcp23017 : ExpanderChipKind.Mcp23008,
            Device, Soc, new ExpanderInterrupt(Soc, Interrupt), Time);
        Chip.LevelsHandled += Handled.Add;
    }

    public ManualTimeProvider Time { get; } = new();

    public SimulatedGpioChip Soc { get; }

    public LineOffset Interrupt { get; }

    public SimulatedMcp23xxx Device { get; }

    public ExpanderChip Chip { get; }

    /// <summary>Every port read the chip handed to its input requests.</summary>
    public SignalRecorder<ushort> Handled { get; } = new();

    /// <summary>Changes an input and waits until the chip has read the port in answer to the interrupt.</summary>
    public async Task DriveAsync(int pin, bool high)
    {
        var before = Handled.Snapshot().Count;
        Device.SetInput(pin, high);
        await Handled.WaitForAsync(_ => Handled.Snapshot().Count > before, TimeSpan.FromSeconds(10));
    }

    public void Dispose()
    {
        Chip.Dispose();
        Soc.Dispose();
    }
}
