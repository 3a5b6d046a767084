namespace Mailroom.Edge.Core.Hardware;

/// <summary>No GPIO chip at the configured path or with the configured label; the message lists the chips that exist.</summary>
public sealed class GpioChipNotFoundException : GpioException
{
    public GpioChipNotFoundException(string message) : base(message) { }

    public GpioChipNotFoundException() { }

    public GpioChipNotFoundException(string message, Exception inner) : base(message, inner) { }
}
