namespace Mailroom.Edge.Host.RemoteCommands;

/// <summary>Whether the wall clock is trusted for command expiry: detected, or set by configuration.</summary>
public enum ClockTrust
{
    Auto,
    Yes,
    No,
}
