using System.Device.I2c;
using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio.Expanders;

/// <summary>
/// MCP23008 (one port) and MCP23017 (two ports) over I2C. Register addresses are the MCP23008's (datasheet DS21919,
/// table 1-3); the MCP23017 in its power-on IOCON.BANK=0 layout puts port A's copy of register <c>r</c> at <c>2r</c> and
/// port B's at <c>2r+1</c> (DS20001952, table 3-4), so a 16-bit value is one two-byte transfer (A, then B, by address
/// auto-increment), which is also the SMBus word order (low byte first). BANK is never set: with BANK=1 the same
/// addresses mean other registers.
/// </summary>
internal sealed class Mcp23xxxRegisters : ExpanderRegisters
{
    private const byte Iodir = 0x00;
    private const byte Ipol = 0x01;
    private const byte Gpinten = 0x02;
    private const byte Intcon = 0x04;
    private const byte Iocon = 0x05;
    private const byte Gppu = 0x06;
    private const byte Gpio = 0x09;
    private const byte Olat = 0x0A;

    // MIRROR: INTA and INTB are one signal, so one SoC line serves both ports (MCP23017 only; the MCP23008's bit 6 is
    // unimplemented). ODR: the interrupt output is open-drain, active low, so it can share a pulled-up SoC line.
    private const byte IoconMirror = 0x40;
    private const byte IoconOpenDrainInterrupt = 0x04;

    private readonly int _ports;

    public Mcp23xxxRegisters(I2cDevice device, ExpanderChipKind kind) : base(device)
    {
        _ports = kind == ExpanderChipKind.Mcp23017 ? 2 : 1;
        ChipName = kind == ExpanderChipKind.Mcp23017 ? "MCP23017" : "MCP23008";
        PinNames = _ports == 2
            ? [.. Enumerable.Range(0, 8).Select(i => $"GPA{i}"), .. Enumerable.Range(0, 8).Select(i => $"GPB{i}")]
            : [.. Enumerable.Range(0, 8).Select(i => $"GP{i}")];
    }

    public override string ChipName { get; }

    public override IReadOnlyList<string> PinNames { get; }

    public override (ushort Latch, ushort Inputs) Open()
    {
        // IOCON is one register shared by both ports: write its port-A address only.
        WriteByte(Iocon * _ports, (byte)(IoconOpenDrainInterrupt | (_ports == 2 ? IoconMirror : 0)));
        // Inputs read as they are (the agent applies active-low itself); interrupts compare with the previous level.
        Write(Ipol, 0);
        Write(Intcon, 0);
        return (Read(Olat), Read(Iodir));
    }

    public override void WriteLatch(ushort latch) => Write(Olat, latch);

    public override void WriteInputs(ushort inputs) => Write(Iodir, inputs);

    public override void WritePullUps(ushort pullUps) => Write(Gppu, pullUps);

    public override void WriteInterruptOnChange(ushort lines) => Write(Gpinten, lines);

    public override ushort ReadLevels() => Read(Gpio);

    public override string? Unsupported(LineBias bias) => bias is LineBias.PullDown
        ? $"the {ChipName} has pull-ups only (GPPU); fit an external pull-down or use the pull-up and an active-low contact"
        : null;

    private void Write(byte register, ushort value)
    {
        if (_ports == 2)
            Device.Write([(byte)(register * 2), (byte)value, (byte)(value >> 8)]);
        else
            WriteByte(register, (byte)value);
    }

    private void WriteByte(int address, byte value) => Device.Write([(byte)address, value]);

    private ushort Read(byte register)
    {
        Span<byte> value = stackalloc byte[_ports];
        Device.WriteRead([(byte)(register * _ports)], value);
        return _ports == 2 ? (ushort)(value[0] | (value[1] << 8)) : value[0];
    }
}
