namespace Mailroom.Edge.Ctl.Tail;

/// <summary>
/// Follows each device's event <c>seq</c> (docs/mqtt.md: +1 per event, duplicates possible, gaps never intended): says
/// whether an event is the next one, a duplicate (or late resend), or comes after a gap — and which seqs are missing.
/// The first event seen from a device sets its baseline.
/// </summary>
public sealed class SeqGapTracker
{
    private readonly Dictionary<string, long> _last = new(StringComparer.Ordinal);

    /// <summary>Null when in order; otherwise the missing range, or (0, 0) for a duplicate / late resend.</summary>
    public (long From, long To)? Observe(string device, long seq)
    {
        if (!_last.TryGetValue(device, out var last))
        {
            _last[device] = seq;
            return null;
        }
        if (seq <= last)
            return (0, 0);
        _last[device] = seq;
        return seq == last + 1 ? null : (last + 1, seq - 1);
    }
}
