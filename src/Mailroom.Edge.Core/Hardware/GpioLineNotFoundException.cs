namespace Mailroom.Edge.Core.Hardware;

/// <summary>A line name or offset does not exist on the chip.</summary>
public sealed class GpioLineNotFoundException : GpioException
{
    public GpioLineNotFoundException(string message) : base(message) { }

    public GpioLineNotFoundException() { }

    public GpioLineNotFoundException(string message, Exception inner) : base(message, inner) { }
}
