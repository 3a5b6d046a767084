namespace Mailroom.Edge.Core.Doors;

/// <summary>Why the strike is released: a momentary unlock (grant, exit) or a held one (schedule, command, mode).</summary>
public enum UnlockCause
{
    Grant,
    ExitRequest,
    Schedule,
    Command,
    Mode,
}
