namespace Mailroom.Edge.Benchmarks;

/// <summary>
/// Millions of latencies without a growing list: one counter per microsecond up to one second (longer ones count in
/// the last bucket) and the exact maximum. Allocated before the measurement, so recording allocates nothing and cannot
/// itself cause the GC pause it is meant to observe.
/// </summary>
public sealed class LatencyHistogram
{
    private readonly long[] _perMicrosecond = new long[1_000_001];

    public long Count { get; private set; }

    public double MaxMs { get; private set; }

    public void Add(TimeSpan latency)
    {
        var us = (long)latency.TotalMicroseconds;
        _perMicrosecond[Math.Clamp(us, 0, _perMicrosecond.Length - 1)]++;
        Count++;
        MaxMs = Math.Max(MaxMs, latency.TotalMilliseconds);
    }

    /// <summary>Nearest-rank percentile, in milliseconds (to the microsecond).</summary>
    public double PercentileMs(double percentile)
    {
        var rank = (long)Math.Ceiling(percentile / 100.0 * Count);
        long seen = 0;
        for (var us = 0; us < _perMicrosecond.Length; us++)
        {
            seen += _perMicrosecond[us];
            if (seen >= rank)
                return us / 1000.0;
        }
        return MaxMs;
    }

    /// <summary>How many latencies were above <paramref name="ms"/> milliseconds.</summary>
    public long CountAbove(double ms)
    {
        long above = 0;
        for (var us = (int)Math.Min(_perMicrosecond.Length - 1, ms * 1000) + 1; us < _perMicrosecond.Length; us++)
            above += _perMicrosecond[us];
        return above;
    }
}
