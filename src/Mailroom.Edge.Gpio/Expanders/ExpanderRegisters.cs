using System.Device.I2c;
using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio.Expanders;

/// <summary>
/// The register protocol of one expander chip. Bit <c>n</c> of every value is line <c>n</c>. The caller
/// (<see cref="ExpanderChip"/>) keeps the shadows and the order of writes; an implementation only turns a value into the
/// chip's bytes. Only transfers that are also SMBus commands are used (write byte/word data, read byte/word data, send and
/// receive byte), so the same code runs over plain I2C and over an SMBus-only adapter (the kernel's <c>i2c-stub</c>).
/// I2C errors surface as <see cref="IOException"/> (what <see cref="I2cDevice"/> throws).
/// </summary>
internal abstract class ExpanderRegisters(I2cDevice device)
{
    protected I2cDevice Device { get; } = device;

    /// <summary>For messages: <c>MCP23017</c>.</summary>
    public abstract string ChipName { get; }

    /// <summary>Line names by bit, as the datasheet labels the pins.</summary>
    public abstract IReadOnlyList<string> PinNames { get; }

    /// <summary>Prepares the chip for the agent and reads what it holds now: the output latch and which lines are
    /// inputs (bit set).</summary>
    public abstract (ushort Latch, ushort Inputs) Open();

    /// <summary>Writes the output latch (the levels output lines drive).</summary>
    public abstract void WriteLatch(ushort latch);

    /// <summary>Writes the direction: a set bit is an input.</summary>
    public abstract void WriteInputs(ushort inputs);

    /// <summary>Writes which inputs have the chip's pull-up on.</summary>
    public abstract void WritePullUps(ushort pullUps);

    /// <summary>Writes which inputs assert the chip's interrupt output when they change.</summary>
    public abstract void WriteInterruptOnChange(ushort lines);

    /// <summary>Reads the level of every line; this also clears a pending interrupt.</summary>
    public abstract ushort ReadLevels();

    /// <summary>Null when the chip can apply the bias, else why not.</summary>
    public abstract string? Unsupported(LineBias bias);

    public ushort AllLines => (ushort)((1 << PinNames.Count) - 1);
}
