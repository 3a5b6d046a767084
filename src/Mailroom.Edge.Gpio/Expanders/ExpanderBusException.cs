using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio.Expanders;

/// <summary>An I2C transfer to an expander failed (no acknowledge, bus stuck, board unpowered); the message names the
/// expander, what was being done and what to check.</summary>
public sealed class ExpanderBusException : GpioException
{
    public ExpanderBusException(string message) : base(message) { }

    public ExpanderBusException() { }

    public ExpanderBusException(string message, Exception inner) : base(message, inner) { }
}
