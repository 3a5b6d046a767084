namespace Mailroom.Edge.Core.Doors;

/// <summary>
/// The door's transitions: the table in docs/mqtt.md ("Door events") as code. A stimulus not listed for a state leaves
/// the state as it is — chiefly the strike releasing or locking behind an open door, which keeps the cause it opened
/// with. Each change is published as <c>door.{state}</c> by the <see cref="DoorController"/>.
/// </summary>
public static class DoorStateTable
{
    public static DoorState Next(DoorState state, DoorStimulus stimulus) => (state, stimulus) switch
    {
        (DoorState.Locked, DoorStimulus.StrikeReleased) => DoorState.Unlocked,
        (DoorState.Unlocked, DoorStimulus.StrikeLocked) => DoorState.Locked,
        (DoorState.Locked or DoorState.Unlocked, DoorStimulus.Opened) => DoorState.Open,
        (DoorState.Locked or DoorState.Unlocked, DoorStimulus.Forced) => DoorState.ForcedOpen,
        (DoorState.Open, DoorStimulus.HeldOpenTimeUp) => DoorState.HeldOpen,
        (DoorState.HeldOpen, DoorStimulus.HeldOpenReset) => DoorState.Open,
        (DoorState.Open or DoorState.HeldOpen or DoorState.ForcedOpen, DoorStimulus.ClosedLocked) => DoorState.Locked,
        (DoorState.Open or DoorState.HeldOpen or DoorState.ForcedOpen, DoorStimulus.ClosedReleased) => DoorState.Unlocked,
        _ => state,
    };

    /// <summary>Whether the door stands open in <paramref name="state"/>.</summary>
    public static bool IsOpen(DoorState state) => state is DoorState.Open or DoorState.HeldOpen or DoorState.ForcedOpen;
}
