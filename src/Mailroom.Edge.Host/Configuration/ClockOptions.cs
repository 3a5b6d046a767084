using Mailroom.Edge.Core.Schedules;

namespace Mailroom.Edge.Host.Configuration;

/// <summary>Whether the wall clock can be trusted for schedules, and what time-dependent rules do when it cannot.</summary>
public sealed class ClockOptions
{
    /// <summary>
    /// <c>Assume</c>: treat the clock as synchronised (a device with an RTC, or the simulator).
    /// <c>Timesyncd</c>: synchronised only while systemd-timesyncd's <c>/run/systemd/timesync/synchronized</c> exists.
    /// </summary>
    public string Source { get; set; } = "Assume";

    public UnsyncedClockPolicy WhenUnsynchronised { get; set; } = UnsyncedClockPolicy.OutsideSchedule;
}
