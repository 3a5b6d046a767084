using System.Device.Spi;
using System.Diagnostics;

namespace Mailroom.Edge.Devices.Simulation;

/// <summary>
/// An MFRC522 behind its SPI interface (NXP MFRC522 datasheet rev. 3.9): the register file, the 64-byte FIFO and the
/// commands a reader uses to find a card — Transceive (the FIFO goes out on <c>BitFramingReg.StartSend</c>, with
/// <c>TxLastBits</c>; the card's answer comes back in the FIFO with <c>RxIRq</c>), CalcCRC (CRC_A of the FIFO into
/// <c>CRCResultReg</c>, <c>DivIrqReg.CRCIRq</c>) and SoftReset — and one card at a time in its field
/// (<see cref="SimulatedCard"/>). SPI framing as §8.1.2: an address byte (bit 7 = read, bits 6–1 = register) and data;
/// in a read, each byte sent is the next address and the answer to the previous one comes back with it. The timer is
/// honoured as the datasheet has it: when nothing answers, <c>TimerIRq</c> rises one timer period after transmission,
/// and only if <c>TModeReg.TAuto</c> started it — a driver that never sets TAuto waits out its own timeout instead.
/// Unplugged, every byte reads back as MISO floats (0x00 or 0xFF), as on a board with the chip gone.
/// </summary>
public sealed class SimulatedMfrc522 : SpiDevice
{
    private const int Command = 0x01, ComIrq = 0x04, DivIrq = 0x05, Error = 0x06, FifoData = 0x09, FifoLevel = 0x0A,
        Control = 0x0C, BitFraming = 0x0D, TxControl = 0x14, CrcResultHigh = 0x21, CrcResultLow = 0x22, TMode = 0x2A,
        TPrescaler = 0x2B, TReloadHigh = 0x2C, TReloadLow = 0x2D, Version = 0x37;
    private const byte Transceive = 0x0C, CalcCrc = 0x03, SoftReset = 0x0F;
    private const byte TimerIrq = 0x01, RxIrq = 0x20, TxIrq = 0x40, CrcIrq = 0x04;

    private readonly Lock _gate = new();
    private readonly byte[] _registers = new byte[64];
    private readonly Queue<byte> _fifo = new();
    private SimulatedCard? _card;
    private long? _timerExpires;
    private byte? _unplugged;

    public SimulatedMfrc522(SpiConnectionSettings? settings = null)
    {
        ConnectionSettings = settings ?? new SpiConnectionSettings(0, 0);
        Reset();
    }

    public override SpiConnectionSettings ConnectionSettings { get; }

    /// <summary>SPI transfers seen (each one a register access): the cost of a poll, as a test or benchmark sees it.</summary>
    public long Transfers { get; private set; }

    /// <summary>Puts a card in the field (taking away any other).</summary>
    public void Present(SimulatedCard card)
    {
        lock (_gate)
        {
            _card?.Unpowered();
            _card = card;
        }
    }

    /// <summary>Takes the card out of the field.</summary>
    public void Remove()
    {
        lock (_gate)
        {
            _card?.Unpowered();
            _card = null;
        }
    }

    /// <summary>The chip is gone (or its SPI wiring is): every byte reads back <paramref name="floating"/>.</summary>
    public void Unplug(byte floating = 0x00)
    {
        lock (_gate)
            _unplugged = floating;
    }

    public void Plug()
    {
        lock (_gate)
        {
            _unplugged = null;
            Reset();
        }
    }

    public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        lock (_gate)
        {
            Transfers++;
            if (_unplugged is { } floating)
            {
                readBuffer.Fill(floating);
                return;
            }
            if (writeBuffer.Length == 0)
                return;
            var address = writeBuffer[0];
            var register = (address >> 1) & 0x3F;
            if ((address & 0x80) == 0)
            {
                if (readBuffer.Length > 0)
                    readBuffer[0] = 0;
                for (var i = 1; i < writeBuffer.Length; i++)
                {
                    Write(register, writeBuffer[i]);
                    if (i < readBuffer.Length)
                        readBuffer[i] = 0;
                }
                return;
            }
            var next = register;
            for (var i = 0; i < writeBuffer.Length; i++)
            {
                // Byte i carries the address of the next read; byte i+1 comes back with its value.
                var value = i == 0 ? (byte)0 : Read(next);
                if (i > 0)
                    next = (writeBuffer[i] >> 1) & 0x3F;
                if (i < readBuffer.Length)
                    readBuffer[i] = value;
            }
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer) => TransferFullDuplex(buffer, new byte[buffer.Length]);

    public override void WriteByte(byte value) => Write([value]);

    public override void Read(Span<byte> buffer) => buffer.Fill(_unplugged ?? 0);

    public override byte ReadByte() => _unplugged ?? 0;

    private byte Read(int register)
    {
        switch (register)
        {
            case FifoData:
                return _fifo.Count > 0 ? _fifo.Dequeue() : (byte)0;
            case FifoLevel:
                return (byte)_fifo.Count;
            case ComIrq:
                if (_timerExpires is { } expires && Stopwatch.GetTimestamp() >= expires)
                {
                    _registers[ComIrq] |= TimerIrq;
                    _timerExpires = null;
                }
                return _registers[ComIrq];
            default:
                return _registers[register];
        }
    }

    private void Write(int register, byte value)
    {
        switch (register)
        {
            case Command:
                _registers[Command] = value;
                Execute((byte)(value & 0x0F));
                break;
            case ComIrq or DivIrq:
                // Bit 7 (Set1/Set2) says whether the marked bits are set or cleared.
                _registers[register] = (value & 0x80) != 0
                    ? (byte)(_registers[register] | (value & 0x7F))
                    : (byte)(_registers[register] & ~(value & 0x7F));
                break;
            case FifoData:
                if (_fifo.Count < 64)
                    _fifo.Enqueue(value);
                else
                    _registers[Error] |= 0x10;
                break;
            case FifoLevel:
                if ((value & 0x80) != 0)
                {
                    _fifo.Clear();
                    _registers[Error] &= 0xEF;
                }
                break;
            case BitFraming:
                _registers[BitFraming] = (byte)(value & 0x7F);
                if ((value & 0x80) != 0 && (_registers[Command] & 0x0F) == Transceive)
                    Transmit(value & 0x07);
                break;
            case Version or Error:
                break;
            default:
                _registers[register] = value;
                break;
        }
    }

    private void Execute(byte command)
    {
        switch (command)
        {
            case CalcCrc:
                var crc = CrcA.Compute([.. _fifo]);
                _fifo.Clear();
                _registers[CrcResultLow] = (byte)crc;
                _registers[CrcResultHigh] = (byte)(crc >> 8);
                _registers[DivIrq] |= CrcIrq;
                break;
            case SoftReset:
                Reset();
                break;
        }
    }

    private void Transmit(int lastBits)
    {
        byte[] frame = [.. _fifo];
        _fifo.Clear();
        _registers[Error] = 0;
        _registers[Control] &= 0xF8;
        _registers[ComIrq] |= TxIrq;
        var antennaOn = (_registers[TxControl] & 0x03) == 0x03;
        var answer = antennaOn ? _card?.Receive(frame, lastBits) : null;
        if (answer is null)
        {
            _timerExpires = (_registers[TMode] & 0x80) != 0 ? Stopwatch.GetTimestamp() + TimerPeriodTicks() : null;
            return;
        }
        foreach (var b in answer)
            _fifo.Enqueue(b);
        _registers[ComIrq] |= RxIrq;
    }

    /// <summary>(TPrescaler·2 + 1)·(TReload + 1) / 13.56 MHz, with TPrescaler's high nibble in TModeReg.</summary>
    private long TimerPeriodTicks()
    {
        var prescaler = ((_registers[TMode] & 0x0F) << 8) | _registers[TPrescaler];
        var reload = (_registers[TReloadHigh] << 8) | _registers[TReloadLow];
        var seconds = (prescaler * 2.0 + 1) * (reload + 1) / 13_560_000.0;
        return (long)(seconds * Stopwatch.Frequency);
    }

    private void Reset()
    {
        Array.Clear(_registers);
        _fifo.Clear();
        _timerExpires = null;
        _registers[Command] = 0x20;
        _registers[ComIrq] = 0x14;
        _registers[TxControl] = 0x80;
        _registers[Version] = 0x92;
    }
}
