namespace Mailroom.Edge.Core.Commands;

/// <summary>
/// Counts refusals in a sliding window and says when they reach the alarm threshold; after an alarm it stays quiet
/// for one window, so a flood raises one alarm a window rather than one per command.
/// </summary>
public sealed class RefusalMonitor(int threshold, TimeSpan window, TimeProvider time)
{
    private readonly Queue<long> _recent = new();
    private long? _alarmedAt;

    /// <summary>Records one refusal; returns the count in the window when this one raises an alarm, else null.</summary>
    public int? Record()
    {
        var now = time.GetTimestamp();
        _recent.Enqueue(now);
        while (_recent.Count > 0 && time.GetElapsedTime(_recent.Peek(), now) > window)
            _recent.Dequeue();
        if (_recent.Count < threshold || (_alarmedAt is { } last && time.GetElapsedTime(last, now) <= window))
            return null;
        _alarmedAt = now;
        return _recent.Count;
    }
}
