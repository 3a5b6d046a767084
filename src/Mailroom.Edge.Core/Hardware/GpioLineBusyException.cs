namespace Mailroom.Edge.Core.Hardware;

/// <summary>The line is already requested (the kernel's EBUSY); <see cref="Consumer"/> names who holds it when known.</summary>
public sealed class GpioLineBusyException : GpioException
{
    public GpioLineBusyException(LineOffset offset, string? consumer)
        : base($"GPIO line {offset} is busy: it is held by '{consumer ?? "unknown"}'. Stop that program or pick another line.")
    {
        Offset = offset;
        Consumer = consumer;
    }

    public GpioLineBusyException() { }

    public GpioLineBusyException(string message) : base(message) { }

    public GpioLineBusyException(string message, Exception inner) : base(message, inner) { }

    public LineOffset Offset { get; }

    public string? Consumer { get; }
}
