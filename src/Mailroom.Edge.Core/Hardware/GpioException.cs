namespace Mailroom.Edge.Core.Hardware;

/// <summary>A GPIO operation failed; the message says what to do about it.</summary>
public class GpioException : Exception
{
    public GpioException(string message) : base(message) { }

    public GpioException(string message, Exception inner) : base(message, inner) { }

    public GpioException() { }
}
