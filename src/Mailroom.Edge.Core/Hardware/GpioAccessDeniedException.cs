namespace Mailroom.Edge.Core.Hardware;

/// <summary>The service user may not open the GPIO device (EACCES/EPERM); the message names the file and the fix.</summary>
public sealed class GpioAccessDeniedException : GpioException
{
    public GpioAccessDeniedException(string message) : base(message) { }

    public GpioAccessDeniedException() { }

    public GpioAccessDeniedException(string message, Exception inner) : base(message, inner) { }
}
