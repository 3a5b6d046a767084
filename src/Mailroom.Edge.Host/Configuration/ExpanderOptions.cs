using Mailroom.Edge.Gpio.Expanders;

namespace Mailroom.Edge.Host.Configuration;

/// <summary>An I2C I/O expander whose lines are named <c>{name}:{pin}</c> (e.g. <c>relays:GPB0</c>) anywhere a line is
/// configured (docs/configuration.md, "I/O expanders").</summary>
public sealed class ExpanderOptions
{
    /// <summary><c>Mcp23017</c>, <c>Mcp23008</c> or <c>Pcf8574</c>; required (the wrong protocol would write the wrong
    /// registers).</summary>
    public ExpanderChipKind? Chip { get; set; }

    /// <summary>The I2C bus number: <c>/dev/i2c-{Bus}</c>; 1 is the Raspberry Pi header's SDA/SCL (pins 3 and 5).</summary>
    public int Bus { get; set; } = 1;

    /// <summary>The chip's 7-bit address, <c>0x20</c> or <c>32</c>: what <c>i2cdetect -y {Bus}</c> shows.</summary>
    public string Address { get; set; } = "";

    /// <summary>The SoC line the chip's INT pin is wired to (e.g. <c>GPIO4</c>); required when any input is on this
    /// expander.</summary>
    public string? Interrupt { get; set; }
}
