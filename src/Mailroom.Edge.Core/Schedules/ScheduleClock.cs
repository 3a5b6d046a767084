using System.Collections.Concurrent;

namespace Mailroom.Edge.Core.Schedules;

/// <summary>
/// Answers "is this schedule active now" and "what time is it, as far as rules may rely on" for the rules and the door
/// scheduler, following the <see cref="UnsyncedClockPolicy"/> while the clock is not trusted. The detail says why, for
/// the decision trace.
/// </summary>
public sealed class ScheduleClock(TimeProvider time, IClockStatus clock, UnsyncedClockPolicy policy)
{
    private readonly ConcurrentDictionary<string, bool> _lastKnownGood = new(StringComparer.Ordinal);

    /// <summary>The last wall-clock time seen while trusted, with the monotonic timestamp it was seen at.</summary>
    private volatile TrustedInstant? _lastTrusted;

    public TimeProvider Time => time;

    public bool IsSynchronised => clock.IsSynchronised;

    public UnsyncedClockPolicy Policy => policy;

    /// <summary>
    /// The wall-clock time that time-dependent rules (credential validity, timed anti-passback after a restart) may
    /// rely on: now, while the clock is trusted. While it is not: under <see cref="UnsyncedClockPolicy.LastKnownGood"/>
    /// the last trusted time carried forward by the monotonic clock (which a wrong wall clock cannot move), if this
    /// process has seen a trusted time; otherwise none, and the rule treats the time as unknown. The detail is for the
    /// trace.
    /// </summary>
    public (DateTimeOffset? Now, string? Detail) TrustedNow()
    {
        if (clock.IsSynchronised)
            return (RememberTrusted(), null);
        if (policy == UnsyncedClockPolicy.LastKnownGood && _lastTrusted is { } last)
            return (last.Utc + time.GetElapsedTime(last.Timestamp), "clock not synchronised; last trusted time carried forward");
        return (null, policy == UnsyncedClockPolicy.LastKnownGood
            ? "clock not synchronised and never trusted since start; time unknown"
            : "clock not synchronised; time unknown");
    }

    public (bool Active, string? Detail) IsActive(Schedule schedule)
    {
        if (clock.IsSynchronised)
        {
            var active = schedule.IsActive(RememberTrusted());
            _lastKnownGood[schedule.Name] = active;
            return (active, null);
        }
        if (policy == UnsyncedClockPolicy.LastKnownGood && _lastKnownGood.TryGetValue(schedule.Name, out var known))
            return (known, "clock not synchronised; last known good");
        return (false, "clock not synchronised; treated as outside schedule");
    }

    private DateTimeOffset RememberTrusted()
    {
        var now = time.GetUtcNow();
        _lastTrusted = new TrustedInstant(now, time.GetTimestamp());
        return now;
    }

    private sealed record TrustedInstant(DateTimeOffset Utc, long Timestamp);
}
