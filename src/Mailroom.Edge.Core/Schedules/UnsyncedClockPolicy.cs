namespace Mailroom.Edge.Core.Schedules;

/// <summary>What time-dependent rules do while the clock is not known to be synchronised.</summary>
public enum UnsyncedClockPolicy
{
    /// <summary>Every schedule is treated as inactive: access by schedule is denied, scheduled unlocks do not happen.</summary>
    OutsideSchedule,

    /// <summary>Each schedule keeps the answer it had when the clock was last trusted.</summary>
    LastKnownGood,
}
