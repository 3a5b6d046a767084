using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Storage.Outbox;

/// <summary>What was shed since the last overflow report: counts by type and the seq ranges, capped.</summary>
internal sealed class ShedSummary
{
    private const int MaxRanges = 100;
    private readonly SortedSet<long> _seqs = [];
    private readonly Dictionary<string, long> _byType = new(StringComparer.Ordinal);

    public long Count { get; private set; }

    public long StartedAt { get; private set; }

    public bool IsEmpty => Count == 0;

    public void Add(long seq, string type, long now)
    {
        if (Count == 0)
            StartedAt = now;
        Count++;
        _byType[type] = _byType.GetValueOrDefault(type) + 1;
        // Bounded: beyond a few thousand seqs the ranges are truncated anyway.
        if (_seqs.Count < 100_000)
            _seqs.Add(seq);
    }

    public OutboxOverflowEvent ToEvent(DateTimeOffset now, long maxRows, long maxBytes)
    {
        var ranges = new List<(long First, long Last)>();
        var truncated = _seqs.Count < Count;
        foreach (var seq in _seqs)
        {
            if (ranges.Count > 0 && ranges[^1].Last == seq - 1)
                ranges[^1] = (ranges[^1].First, seq);
            else if (ranges.Count == MaxRanges)
            {
                truncated = true;
                break;
            }
            else
                ranges.Add((seq, seq));
        }
        return new OutboxOverflowEvent(now, Count, new Dictionary<string, long>(_byType), ranges, truncated, maxRows, maxBytes);
    }

    public ShedSummary Clone()
    {
        var copy = new ShedSummary { Count = Count, StartedAt = StartedAt };
        copy._seqs.UnionWith(_seqs);
        foreach (var (k, v) in _byType)
            copy._byType[k] = v;
        return copy;
    }

    public void RestoreFrom(ShedSummary other)
    {
        Clear();
        Count = other.Count;
        StartedAt = other.StartedAt;
        _seqs.UnionWith(other._seqs);
        foreach (var (k, v) in other._byType)
            _byType[k] = v;
    }

    public void Clear()
    {
        Count = 0;
        _seqs.Clear();
        _byType.Clear();
    }
}
