namespace Mailroom.Edge.Ctl.Settings;

/// <summary>A problem with what the operator asked for (a flag, a file); printed as is, exit code 1.</summary>
public sealed class CtlUsageException : Exception
{
    public CtlUsageException() { }

    public CtlUsageException(string message) : base(message) { }

    public CtlUsageException(string message, Exception inner) : base(message, inner) { }
}
