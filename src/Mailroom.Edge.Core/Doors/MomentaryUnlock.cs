namespace Mailroom.Edge.Core.Doors;

/// <summary>
/// A running momentary unlock (a grant, an exit request, a command unlock): why, since when, and how long after
/// <see cref="RelockFrom"/> the strike relocks. <see cref="RelockAfter"/> is null while the unlock waits for the door to
/// close (<see cref="RelockTrigger.DoorClose"/>).
/// </summary>
internal readonly record struct MomentaryUnlock(UnlockCause Cause, long UnlockedAt, long RelockFrom, TimeSpan? RelockAfter);
