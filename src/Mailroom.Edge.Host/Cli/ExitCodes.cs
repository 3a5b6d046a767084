namespace Mailroom.Edge.Host.Cli;

/// <summary>Process exit codes; systemd and scripts rely on them.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadConfiguration = 2;
}
