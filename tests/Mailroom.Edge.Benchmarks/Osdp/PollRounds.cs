using System.Diagnostics;

namespace Mailroom.Edge.Benchmarks.Osdp;

/// <summary>
/// When each round of a poll loop started and how long it took, in arrays allocated up front, so recording allocates
/// nothing on the loop's thread while its CPU time is measured. Written by the loop's thread alone; read from others
/// up to <see cref="Count"/>. Rounds beyond the capacity are not recorded.
/// </summary>
internal sealed class PollRounds(int capacity)
{
    private readonly long[] _starts = new long[capacity];
    private readonly long[] _durations = new long[capacity];
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Add(long started, long duration)
    {
        var index = _count;
        if (index == _starts.Length)
            return;
        (_starts[index], _durations[index]) = (started, duration);
        Volatile.Write(ref _count, index + 1);
    }

    /// <summary>Durations of the rounds <paramref name="from"/> (a <see cref="Count"/> taken earlier) up to now, in µs.</summary>
    public List<double> DurationsUs(int from) =>
        [.. Enumerable.Range(from, Count - from).Select(i => _durations[i] * 1e6 / Stopwatch.Frequency)];

    /// <summary>Start-to-start times of the rounds <paramref name="from"/> up to now, in ms.</summary>
    public List<double> PeriodsMs(int from) =>
        [.. Enumerable.Range(from + 1, Math.Max(0, Count - from - 1)).Select(i => (_starts[i] - _starts[i - 1]) * 1e3 / Stopwatch.Frequency)];
}
