using System.Device.I2c;
using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio.Expanders;

/// <summary>
/// PCF8574/PCF8574A (datasheet: NXP PCF8574_PCF8574A, "Quasi-bidirectional I/Os"): no registers, one byte written sets
/// the port, one byte read returns the pins. A 0 bit drives the pin low (strongly); a 1 bit releases it to a weak
/// (~100 µA) pull-up, which is also how a pin is made an input. So an "input" is a line whose bit is always written 1,
/// and the byte written is the latch with every input bit set. At power-on every bit is 1 (all released).
/// Any read or write clears the interrupt output, which is open-drain, active low.
/// </summary>
internal sealed class Pcf8574Registers(I2cDevice device) : ExpanderRegisters(device)
{
    private ushort _latch = 0xFF;
    private ushort _inputs = 0xFF;

    public override string ChipName => "PCF8574";

    public override IReadOnlyList<string> PinNames { get; } = [.. Enumerable.Range(0, 8).Select(i => $"P{i}")];

    /// <summary>The latch cannot be read back (a read returns the pins), so the agent starts from the power-on state:
    /// every line released. The first write releases any line a previous run left driven low.</summary>
    public override (ushort Latch, ushort Inputs) Open() => (_latch, _inputs);

    public override void WriteLatch(ushort latch)
    {
        _latch = latch;
        WritePort();
    }

    public override void WriteInputs(ushort inputs)
    {
        _inputs = inputs;
        WritePort();
    }

    // The pull-up is the chip's weak high itself: nothing to write.
    public override void WritePullUps(ushort pullUps)
    {
    }

    // Every released pin interrupts on change: nothing to write.
    public override void WriteInterruptOnChange(ushort lines)
    {
    }

    public override ushort ReadLevels() => Device.ReadByte();

    public override string? Unsupported(LineBias bias) => bias is LineBias.PullDown or LineBias.Disabled
        ? "a PCF8574 input always has the chip's weak pull-up (a released quasi-bidirectional pin); use the pull-up and an active-low contact"
        : null;

    private void WritePort() => Device.WriteByte((byte)(_latch | _inputs));
}
