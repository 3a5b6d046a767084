namespace Mailroom.Edge.Core.Doors;

/// <summary>What can move a door from one <see cref="DoorState"/> to another; <see cref="DoorStateTable"/> says where to.</summary>
public enum DoorStimulus
{
    /// <summary>The strike released (a grant, an exit, a command unlock, a held mode).</summary>
    StrikeReleased,

    /// <summary>The strike locked (grant time over, a relock trigger, a mode, lockdown).</summary>
    StrikeLocked,

    /// <summary>The DPS opened with the strike released or within an exit shunt.</summary>
    Opened,

    /// <summary>The DPS opened with the strike locked and no exit shunt.</summary>
    Forced,

    /// <summary>The door has been open its held-open time (plus an extended grant's extra time).</summary>
    HeldOpenTimeUp,

    /// <summary>The held-open clock restarted with the door open (a grant, or the door held unlocked by its mode).</summary>
    HeldOpenReset,

    /// <summary>The DPS closed and the strike is locked.</summary>
    ClosedLocked,

    /// <summary>The DPS closed and the strike is still released (grant time left, or the minimum pulse not over).</summary>
    ClosedReleased,
}
