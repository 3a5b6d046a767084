namespace Mailroom.Edge.Core.Doors;

/// <summary>Where a door is in its state machine; published retained on <c>{root}/door/{door}/state</c>.</summary>
public enum DoorState
{
    /// <summary>Closed (or no position switch) and the strike locked.</summary>
    Locked,

    /// <summary>Closed and the strike released; <see cref="UnlockCause"/> says why.</summary>
    Unlocked,

    /// <summary>Open with permission (a grant, an exit request, a held unlock).</summary>
    Open,

    /// <summary>Open longer than the held-open time.</summary>
    HeldOpen,

    /// <summary>Opened without a grant or an exit request.</summary>
    ForcedOpen,
}
