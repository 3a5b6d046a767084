using System.Collections.Concurrent;

namespace Mailroom.Edge.Core.Schedules;

/// <summary>
/// Answers "is this schedule active now" for the rules and the door scheduler, following the
/// <see cref="UnsyncedClockPolicy"/> while the clock is not trusted. The detail says why, for the decision trace.
/// </summary>
public sealed class ScheduleClock(TimeProvider time, IClockStatus clock, UnsyncedClockPolicy policy)
{
    private readonly ConcurrentDictionary<string, bool> _lastKnownGood = new(StringComparer.Ordinal);

    public TimeProvider Time => time;

    public bool IsSynchronised => clock.IsSynchronised;

    public (bool Active, string? Detail) IsActive(Schedule schedule)
    {
        if (clock.IsSynchronised)
        {
            var active = schedule.IsActive(time.GetUtcNow());
            _lastKnownGood[schedule.Name] = active;
            return (active, null);
        }
        if (policy == UnsyncedClockPolicy.LastKnownGood && _lastKnownGood.TryGetValue(schedule.Name, out var known))
            return (known, "clock not synchronised; last known good");
        return (false, "clock not synchronised; treated as outside schedule");
    }
}
