namespace Mailroom.Edge.Core.Doors;

/// <summary>What a request-to-exit does: release the strike, or only tell the controller the opening is legitimate.</summary>
public enum ExitAction
{
    Unlock,

    /// <summary>The door has mechanical free egress; the exit button only shunts the forced-open alarm.</summary>
    ShuntOnly,
}
