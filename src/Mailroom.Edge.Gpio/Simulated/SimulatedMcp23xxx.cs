using System.Device.I2c;
using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio.Simulated;

/// <summary>
/// An MCP23017 (two ports) or MCP23008 (one) as an <see cref="I2cDevice"/>: the register file of the datasheets
/// (DS20001952 for the MCP23017 in its power-on IOCON.BANK=0 layout, DS21919 for the MCP23008). A write's first byte
/// sets the address pointer and the following bytes go to successive registers (auto-increment, IOCON.SEQOP=0); a read
/// continues from the pointer. IODIR powers on 0xFF (all inputs), everything else 0. Writing GPIO writes OLAT; an
/// output pin shows its OLAT bit, an input pin the level the wiring drives (<see cref="SetInput"/>, default high, as
/// through a pull-up). Interrupt-on-change (GPINTEN, INTCON=0: against the previous level; INTCON=1: against DEFVAL)
/// sets INTF and captures the port in INTCAP while no interrupt is pending on that port; reading GPIO or INTCAP clears
/// it. INT (INTA, or INTA|INTB with IOCON.MIRROR) is reported through <see cref="InterruptChanged"/>.
/// Every register write is recorded in order; <see cref="Fail"/> makes every transfer throw as an unanswered address does.
/// </summary>
public sealed class SimulatedMcp23xxx : I2cDevice
{
    private const int Iodir = 0x00, Ipol = 0x01, Gpinten = 0x02, Defval = 0x03, Intcon = 0x04, Iocon = 0x05, Intf = 0x07, Intcap = 0x08, Gpio = 0x09, Olat = 0x0A;
    private const byte IoconMirror = 0x40, IoconSeqop = 0x20;
    private readonly Lock _gate = new();
    private readonly Lock _wire = new();
    private readonly int _ports;
    private readonly byte[] _registers;
    private readonly List<RegisterWrite> _writes = [];
    private ushort _external = 0xFFFF;
    private int _pointer;
    private bool _interrupt;

    public SimulatedMcp23xxx(int ports = 2, int address = 0x20)
    {
        _ports = ports;
        _registers = new byte[11 * ports];
        for (var p = 0; p < ports; p++)
            _registers[Address(Iodir, p)] = 0xFF;
        ConnectionSettings = new I2cConnectionSettings(1, address);
    }

    public override I2cConnectionSettings ConnectionSettings { get; }

    /// <summary>True: every transfer throws <see cref="IOException"/> (a board unplugged, SDA held low).</summary>
    public bool Fail { get; set; }

    /// <summary>Raised, outside the register lock and in the order the level changed, when INT is asserted (true) or
    /// released.</summary>
    public event Action<bool>? InterruptChanged;

    public IReadOnlyList<RegisterWrite> Writes
    {
        get
        {
            lock (_gate)
                return [.. _writes];
        }
    }

    /// <summary>The address of register <paramref name="register"/> (MCP23008 numbering) of a port.</summary>
    public int Address(int register, int port = 0) => register * _ports + port;

    /// <summary>A register's value, e.g. <c>Register(0x0A, 1)</c> for OLATB.</summary>
    public byte Register(int register, int port = 0)
    {
        lock (_gate)
            return _registers[Address(register, port)];
    }

    /// <summary>OLAT as 16 bits (port A low).</summary>
    public ushort Latch => Word(Olat);

    /// <summary>IODIR as 16 bits: a set bit is an input.</summary>
    public ushort Inputs => Word(Iodir);

    public bool InterruptAsserted
    {
        get
        {
            lock (_gate)
                return _interrupt;
        }
    }

    /// <summary>The level the wiring drives on a pin (a contact closing to ground is low).</summary>
    public void SetInput(int pin, bool high)
    {
        lock (_gate)
        {
            var before = Levels();
            _external = high ? (ushort)(_external | (1 << pin)) : (ushort)(_external & ~(1 << pin));
            var after = Levels();
            var port = pin / 8;
            var bit = 1 << (pin % 8);
            var enabled = (_registers[Address(Gpinten, port)] & bit) != 0;
            var compareWithDefault = (_registers[Address(Intcon, port)] & bit) != 0;
            var reference = compareWithDefault ? (_registers[Address(Defval, port)] & bit) != 0 : ((before >> pin) & 1) != 0;
            var level = ((after >> pin) & 1) != 0;
            var changed = compareWithDefault ? level != reference : before != after;
            if (enabled && changed && _registers[Address(Intf, port)] == 0)
            {
                _registers[Address(Intf, port)] = (byte)bit;
                _registers[Address(Intcap, port)] = (byte)(after >> (8 * port));
            }
        }
        RaiseInterrupt();
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var written = new List<RegisterWrite>();
        lock (_gate)
        {
            ThrowIfFailing();
            _pointer = buffer[0] % _registers.Length;
            foreach (var value in buffer[1..])
            {
                written.Add(new RegisterWrite(_pointer, value));
                WriteRegister(_pointer, value);
                Advance();
            }
        }
        RaiseInterrupt();
        if (Written is { } handler)
            written.ForEach(handler);
    }

    /// <summary>Raised after each register write, outside the register lock.</summary>
    public event Action<RegisterWrite>? Written;

    public override void WriteByte(byte value) => Write([value]);

    public override void Read(Span<byte> buffer)
    {
        lock (_gate)
        {
            ThrowIfFailing();
            for (var i = 0; i < buffer.Length; i++)
            {
                buffer[i] = ReadRegister(_pointer);
                Advance();
            }
        }
        RaiseInterrupt();
    }

    public override byte ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        Read(one);
        return one[0];
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    private void WriteRegister(int address, byte value)
    {
        _writes.Add(new RegisterWrite(address, value));
        var register = address / _ports;
        var port = address % _ports;
        switch (register)
        {
            case Intf or Intcap:
                return; // read-only
            case Gpio:
                _registers[Address(Olat, port)] = value;
                return;
            case Iocon:
                // One register seen at both ports' addresses.
                for (var p = 0; p < _ports; p++)
                    _registers[Address(Iocon, p)] = value;
                return;
            default:
                _registers[address] = value;
                return;
        }
    }

    private byte ReadRegister(int address)
    {
        var register = address / _ports;
        var port = address % _ports;
        switch (register)
        {
            case Gpio:
                _registers[Address(Intf, port)] = 0;
                return (byte)(Levels() >> (8 * port));
            case Intcap:
                _registers[Address(Intf, port)] = 0;
                return _registers[address];
            default:
                return _registers[address];
        }
    }

    private void Advance()
    {
        var sequential = (_registers[Address(Iocon)] & IoconSeqop) == 0;
        _pointer = sequential ? (_pointer + 1) % _registers.Length : _pointer ^ (_ports - 1);
    }

    /// <summary>What the GPIO register reads: OLAT on outputs, the wiring (inverted by IPOL) on inputs.</summary>
    private ushort Levels()
    {
        var inputs = Word(Iodir);
        var pins = (Word(Olat) & ~inputs) | ((_external ^ Word(Ipol)) & inputs);
        return (ushort)pins;
    }

    private ushort Word(int register)
    {
        lock (_gate)
            return _ports == 2 ? (ushort)(_registers[Address(register)] | (_registers[Address(register, 1)] << 8)) : _registers[Address(register)];
    }

    private void ThrowIfFailing()
    {
        if (Fail)
            throw new IOException("Error 121 performing I2C data transfer.");
    }

    private void RaiseInterrupt()
    {
        // One signal, one order: two threads that both changed INT must not hand their levels to the wire reversed.
        lock (_wire)
        {
            bool asserted, changed;
            lock (_gate)
            {
                var a = _registers[Address(Intf)] != 0;
                var b = _ports == 2 && _registers[Address(Intf, 1)] != 0;
                var mirror = (_registers[Address(Iocon)] & IoconMirror) != 0;
                // Without MIRROR only INTA is watched here: port B's interrupts would need a second line.
                asserted = mirror ? a || b : a;
                changed = asserted != _interrupt;
                _interrupt = asserted;
            }
            if (changed)
                InterruptChanged?.Invoke(asserted);
        }
    }

    /// <summary>Wires INT (open-drain, active low) to a simulated SoC line: asserted pulls it low.</summary>
    public void WireInterrupt(SimulatedGpioChip soc, LineOffset line)
    {
        InterruptChanged += asserted => soc.SetInputLevel(line, !asserted);
    }
}
