namespace Mailroom.Edge.Gpio.Expanders;

/// <summary>The I2C I/O expander chips the agent drives (the ones on common relay and I/O HATs).</summary>
public enum ExpanderChipKind
{
    /// <summary>Microchip MCP23017: 16 lines in two ports, <c>GPA0</c>…<c>GPA7</c> and <c>GPB0</c>…<c>GPB7</c>.</summary>
    Mcp23017,

    /// <summary>Microchip MCP23008: 8 lines, <c>GP0</c>…<c>GP7</c>.</summary>
    Mcp23008,

    /// <summary>NXP/TI PCF8574 (and PCF8574A): 8 quasi-bidirectional lines, <c>P0</c>…<c>P7</c>.</summary>
    Pcf8574,
}
