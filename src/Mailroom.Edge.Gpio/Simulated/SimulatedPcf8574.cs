using System.Device.I2c;
using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio.Simulated;

/// <summary>
/// A PCF8574 as an <see cref="I2cDevice"/> (NXP datasheet PCF8574_PCF8574A): no registers; a written byte is the port
/// latch, 0 drives a pin low, 1 releases it to the weak pull-up, where the wiring decides its level
/// (<see cref="SetInput"/>, default high). A read returns the pins. INT (open-drain, active low) is asserted when a pin
/// differs from what the last read or write saw, and released by the next read or write (or when the pin returns).
/// Power-on latch 0xFF. Every write is recorded; <see cref="Fail"/> makes every transfer throw.
/// </summary>
public sealed class SimulatedPcf8574(int address = 0x20) : I2cDevice
{
    private readonly Lock _gate = new();
    private readonly Lock _wire = new();
    private readonly List<RegisterWrite> _writes = [];
    private byte _latch = 0xFF;
    private byte _external = 0xFF;
    private byte _seen = 0xFF;
    private bool _interrupt;

    public override I2cConnectionSettings ConnectionSettings { get; } = new(1, address);

    public bool Fail { get; set; }

    public event Action<bool>? InterruptChanged;

    public byte Latch
    {
        get
        {
            lock (_gate)
                return _latch;
        }
    }

    /// <summary>The pins as a meter would read them.</summary>
    public byte Pins
    {
        get
        {
            lock (_gate)
                return (byte)(_latch & _external);
        }
    }

    public IReadOnlyList<RegisterWrite> Writes
    {
        get
        {
            lock (_gate)
                return [.. _writes];
        }
    }

    public void SetInput(int pin, bool high)
    {
        lock (_gate)
            _external = high ? (byte)(_external | (1 << pin)) : (byte)(_external & ~(1 << pin));
        Update(false);
    }

    public override void WriteByte(byte value)
    {
        lock (_gate)
        {
            ThrowIfFailing();
            _writes.Add(new RegisterWrite(-1, value));
            _latch = value;
        }
        Update(true);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        foreach (var value in buffer)
            WriteByte(value);
    }

    public override byte ReadByte()
    {
        lock (_gate)
            ThrowIfFailing();
        Update(true);
        return Pins;
    }

    public override void Read(Span<byte> buffer)
    {
        for (var i = 0; i < buffer.Length; i++)
            buffer[i] = ReadByte();
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    private void Update(bool accessed)
    {
        // One signal, one order: two threads that both changed INT must not hand their levels to the wire reversed.
        lock (_wire)
        {
            bool changed, asserted;
            lock (_gate)
            {
                var pins = (byte)(_latch & _external);
                if (accessed)
                    _seen = pins;
                asserted = pins != _seen;
                changed = asserted != _interrupt;
                _interrupt = asserted;
            }
            if (changed)
                InterruptChanged?.Invoke(asserted);
        }
    }

    private void ThrowIfFailing()
    {
        if (Fail)
            throw new IOException("Error 121 performing I2C data transfer.");
    }

    /// <summary>Wires INT (open-drain, active low) to a simulated SoC line: asserted pulls it low.</summary>
    public void WireInterrupt(SimulatedGpioChip soc, LineOffset line)
    {
        InterruptChanged += asserted => soc.SetInputLevel(line, !asserted);
    }
}
