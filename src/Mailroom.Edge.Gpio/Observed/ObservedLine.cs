using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio.Observed;

/// <summary>
/// One line held through an <see cref="ObservedGpioChip"/> as the installer sees it at one moment: who holds it, its
/// logical value (active = true) and the electrical level on the pin (<see cref="Electrical"/>, the logical value turned
/// round for an active-low line), and its last change on the chip's clock (an input's last edge read by its owner, an
/// output's last write that changed it).
/// </summary>
public sealed record ObservedLine(
    LineOffset Offset,
    string Consumer,
    bool IsOutput,
    bool ActiveLow,
    bool? Logical,
    long? LastChangeNs,
    EdgeKind? LastEdge,
    long Changes)
{
    /// <summary>The level on the pin: high = true. Null when the value could not be read.</summary>
    public bool? Electrical => Logical is { } logical ? logical != ActiveLow : null;
}
