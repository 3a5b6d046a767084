using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio.Expanders;

/// <summary>The SoC line an expander's interrupt output (INT, open-drain, active low) is wired to.</summary>
public sealed record ExpanderInterrupt(IGpioChip Chip, LineOffset Line);
