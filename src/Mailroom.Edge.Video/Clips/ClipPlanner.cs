namespace Mailroom.Edge.Video.Clips;

/// <summary>
/// Plans one camera's clips. A trigger at <c>t</c> needs <c>[t − pre, t + post]</c>; a trigger whose window overlaps
/// (or touches) the open clip's window extends that clip instead of starting another, so a burst of denied badges is one
/// clip with every trigger's id. A clip is never extended past <c>maxLength</c>, so a door held open for an hour cannot
/// pin an hour of ring. Windows are due once the ring holds video up to their end (<see cref="TakeDue"/>).
/// Pure and single-threaded: the caller serialises access.
/// </summary>
public sealed class ClipPlanner(TimeSpan preRoll, TimeSpan postRoll, TimeSpan maxLength)
{
    private readonly List<ClipWindow> _closed = [];
    private ClipWindow? _open;

    /// <summary>The earliest start of any window not yet taken: ring segments from here on are still needed.</summary>
    public DateTimeOffset? NeededFrom => _closed.Count > 0 ? _closed[0].Start : _open?.Start;

    public int Pending => _closed.Count + (_open is null ? 0 : 1);

    public void Add(ClipTrigger trigger)
    {
        var start = trigger.At - preRoll;
        var end = trigger.At + postRoll;
        if (_open is { } open && start <= open.End && end >= open.Start)
        {
            var merged = open with
            {
                Start = start < open.Start ? start : open.Start,
                End = end > open.End ? end : open.End,
                Triggers = [.. open.Triggers, trigger.EventId],
                IsAlarm = open.IsAlarm || trigger.IsAlarm,
                Doors = WithDoor(open.EffectiveDoors, trigger.Door),
            };
            if (merged.End - merged.Start <= maxLength)
            {
                _open = merged;
                return;
            }
        }
        if (_open is not null)
            _closed.Add(_open);
        _open = new ClipWindow(start, end, trigger.At, [trigger.EventId], trigger.IsAlarm, WithDoor([], trigger.Door));
    }

    private static List<string> WithDoor(IReadOnlyList<string> doors, string? door) =>
        door is null || doors.Contains(door, StringComparer.Ordinal) ? [.. doors] : [.. doors, door];

    /// <summary>
    /// Removes and returns the windows whose end is covered by video up to <paramref name="recordedUntil"/>, or whose
    /// end is <paramref name="giveUpAfter"/> in the past (the camera is down: cut what there is), oldest first.
    /// </summary>
    public List<ClipWindow> TakeDue(DateTimeOffset? recordedUntil, DateTimeOffset now, TimeSpan giveUpAfter)
    {
        var due = new List<ClipWindow>();
        while (_closed.Count > 0 && IsDue(_closed[0], recordedUntil, now, giveUpAfter))
        {
            due.Add(_closed[0]);
            _closed.RemoveAt(0);
        }
        if (_closed.Count == 0 && _open is { } open && IsDue(open, recordedUntil, now, giveUpAfter))
        {
            due.Add(open);
            _open = null;
        }
        return due;
    }

    /// <summary>Due: video covers the window's end, or the camera had <paramref name="giveUpAfter"/> past the end to deliver it.</summary>
    public static bool IsDue(ClipWindow window, DateTimeOffset? recordedUntil, DateTimeOffset now, TimeSpan giveUpAfter) =>
        (recordedUntil is { } until && until >= window.End) || now >= window.End + giveUpAfter;
}
