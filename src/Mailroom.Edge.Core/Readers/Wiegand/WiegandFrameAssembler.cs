using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Core.Readers.Wiegand;

/// <summary>
/// Turns the kernel-timestamped edges of a reader's D0 and D1 lines (one line request of both: <see cref="WiegandLines"/>)
/// into frames, working only from the timestamps and the line of each edge, so that thread scheduling can never corrupt
/// a frame. Both lines idle high; a bit is a low pulse on D0 (0) or D1 (1).
/// <para>
/// The kernel's rising/falling id is not used: for a both-edge request gpiolib-cdev sets it from the line's level as
/// its interrupt thread reads it, which after a 20–100 µs pulse may already be high again. A line's edges alternate
/// instead, pulse start then pulse end, from idle at the start of each frame. Each line has its own interrupt thread, so
/// one line's edges may arrive after the other's later ones: a frame's pulses are put in timestamp order at its end.
/// </para>
/// A pulse too short (glitch), too long, too close to the previous one, overlapping a pulse on the other line, or a lost
/// edge (<see cref="LostEdgeCounter"/>) makes the frame invalid; it is reported, never decoded. Not thread-safe: one
/// reader loop owns it.
/// </summary>
public sealed class WiegandFrameAssembler
{
    /// <summary>How a frame's problem names events lost whole: <see cref="ReaderDiagnostics"/> counts them apart.</summary>
    internal const string OverflowCause = "buffer overflow";

    /// <summary>How a frame's problem names edges the kernel merged: <see cref="ReaderDiagnostics"/> counts them apart.</summary>
    internal const string MissedEdgeCause = "interrupt thread ran late";

    private readonly LineOffset _d0;
    private readonly LineOffset _d1;
    private readonly WiegandTiming _timing;
    private readonly LostEdgeCounter _lost = new();

    private long _d0PulseStart = -1;
    private long _d1PulseStart = -1;
    private FrameInProgress? _frame;

    public WiegandFrameAssembler(LineOffset d0, LineOffset d1, WiegandTiming timing)
    {
        if (d0 == d1)
            throw new ArgumentException("D0 and D1 must be different lines.", nameof(d1));
        _d0 = d0;
        _d1 = d1;
        _timing = timing;
    }

    /// <summary>When the frame in progress ends if no further edge arrives (chip clock, ns), or null when idle.</summary>
    public long? DeadlineNs => _frame?.DeadlineNs(_timing);

    /// <summary>Feeds one edge. Returns the previous frame when this edge arrives after that frame's end.</summary>
    public WiegandFrame? OnEdge(LineEdgeEvent edge)
    {
        if (edge.Offset != _d0 && edge.Offset != _d1)
            return null;

        WiegandFrame? finished = null;
        if (_frame is { } pending && edge.TimestampNs >= pending.DeadlineNs(_timing))
            finished = Finish(pending.DeadlineNs(_timing));

        var frame = _frame ??= new FrameInProgress(edge.TimestampNs, _lost.Unseen, _lost.LostWhole);
        _lost.Observe(edge);
        frame.SeeEdge(edge.TimestampNs);

        var isD1 = edge.Offset == _d1;
        var start = isD1 ? _d1PulseStart : _d0PulseStart;
        SetPulseStart(isD1, start < 0 ? edge.TimestampNs : -1);
        if (start < 0)
            frame.PulseStarted(edge.TimestampNs);
        else
            OnPulseEnd(frame, isD1, start, edge.TimestampNs);
        return finished;
    }

    /// <summary>Ends the frame in progress if <paramref name="nowNs"/> is past its deadline.</summary>
    public WiegandFrame? OnTime(long nowNs) =>
        _frame is { } pending && nowNs >= pending.DeadlineNs(_timing) ? Finish(pending.DeadlineNs(_timing)) : null;

    private void SetPulseStart(bool isD1, long ts)
    {
        if (isD1)
            _d1PulseStart = ts;
        else
            _d0PulseStart = ts;
    }

    private void OnPulseEnd(FrameInProgress frame, bool isD1, long start, long end)
    {
        var width = end - start;
        if (width < _timing.MinPulseWidth.Ticks * 100)
        {
            frame.Invalidate($"a {width / 1000.0:0.#} µs glitch, shorter than the {_timing.MinPulseWidth.TotalMicroseconds} µs minimum pulse");
            frame.Add(new Pulse(start, width, isD1, Glitch: true));
            return;
        }
        if (width > _timing.MaxPulseWidth.Ticks * 100)
            frame.Invalidate($"a {width / 1000} µs pulse, longer than the {_timing.MaxPulseWidth.TotalMicroseconds} µs maximum (line held low?)");
        frame.Add(new Pulse(start, width, isD1, Glitch: false));
    }

    private WiegandFrame Finish(long endNs)
    {
        var frame = _frame!;
        _frame = null;
        // A lost edge comes first: whatever else looks wrong in the frame follows from it.
        frame.SetLoss(LossProblem(_lost.LostWhole - frame.LostWholeAtStart, _lost.Unseen - frame.UnseenAtStart));
        frame.CheckOrder(_timing);
        if (_d0PulseStart >= 0 || _d1PulseStart >= 0)
        {
            frame.Invalidate("a data line is still low at the end of the frame (stuck line?)");
            _d0PulseStart = _d1PulseStart = -1;
        }
        return frame.ToFrame(endNs);
    }

    private static string? LossProblem(long lostWhole, long unseen)
    {
        if (lostWhole > 0)
            return $"{lostWhole} edge event(s) lost whole after the kernel numbered them (event {OverflowCause}: raise Gpio:EventBufferSize)";
        var missed = unseen - lostWhole;
        return missed > 0
            ? $"the kernel missed {missed} edge(s): the line's {MissedEdgeCause} and took two edges as one (the system was too busy; the event buffer size does not matter)"
            : null;
    }

    /// <summary>One low pulse as measured: start (chip clock, ns), width, line, and whether it was too short to be a bit.</summary>
    private readonly record struct Pulse(long StartNs, long WidthNs, bool One, bool Glitch);

    /// <summary>The mutable state of the frame being received.</summary>
    private sealed class FrameInProgress(long firstEdgeNs, long unseenAtStart, long lostWholeAtStart)
    {
        private readonly List<Pulse> _pulses = [];
        private long _firstStart = long.MaxValue;
        private long _lastStart = long.MinValue;
        private int _starts;
        private long _minInterval = long.MaxValue;
        private long _maxInterval;
        private string? _problem;

        public long UnseenAtStart { get; } = unseenAtStart;

        public long LostWholeAtStart { get; } = lostWholeAtStart;

        public long FirstEdgeNs { get; private set; } = firstEdgeNs;

        public long LastEdgeNs { get; private set; } = firstEdgeNs;

        public void Invalidate(string problem) => _problem ??= problem;

        public void SetLoss(string? problem) => _problem = problem ?? _problem;

        public void SeeEdge(long ts)
        {
            FirstEdgeNs = Math.Min(FirstEdgeNs, ts);
            LastEdgeNs = Math.Max(LastEdgeNs, ts);
        }

        public void PulseStarted(long ts)
        {
            _firstStart = Math.Min(_firstStart, ts);
            _lastStart = Math.Max(_lastStart, ts);
            _starts++;
        }

        public void Add(Pulse pulse) => _pulses.Add(pulse);

        /// <summary>In timestamp order: pulses on both lines at once, and pulses closer than the minimum interval.</summary>
        public void CheckOrder(WiegandTiming timing)
        {
            _pulses.Sort((a, b) => a.StartNs.CompareTo(b.StartNs));
            for (var i = 1; i < _pulses.Count; i++)
            {
                var (previous, pulse) = (_pulses[i - 1], _pulses[i]);
                var interval = pulse.StartNs - previous.StartNs;
                if (pulse.StartNs < previous.StartNs + previous.WidthNs)
                    Invalidate("D0 and D1 were low at the same time (crossed or shorted data lines?)");
                else if (interval < timing.MinBitInterval.Ticks * 100)
                    Invalidate($"two pulses {interval / 1000} µs apart, below the {timing.MinBitInterval.TotalMicroseconds} µs minimum");
                _minInterval = Math.Min(_minInterval, interval);
                _maxInterval = Math.Max(_maxInterval, interval);
            }
        }

        /// <summary>A few measured bit periods after the last edge, clamped; before two bits are seen, the maximum.</summary>
        public long DeadlineNs(WiegandTiming timing)
        {
            var maxGap = timing.EndOfFrameMax.Ticks * 100;
            if (_starts < 2)
                return LastEdgeNs + maxGap;
            // The mean interval from the first and last starts alone, so edges arriving out of order change nothing.
            var gap = (long)(timing.EndOfFrameBitPeriods * (_lastStart - _firstStart) / (_starts - 1));
            return LastEdgeNs + Math.Clamp(gap, timing.EndOfFrameMin.Ticks * 100, maxGap);
        }

        public WiegandFrame ToFrame(long endNs)
        {
            var bits = _pulses.Where(p => !p.Glitch).ToList();
            if (bits.Count > WiegandBits.MaxLength)
                Invalidate($"more than {WiegandBits.MaxLength} bits");
            var glitches = _pulses.Count - bits.Count;
            var outcome = _problem is null && bits.Count > 0 ? WiegandFrameOutcome.Complete
                : bits.Count == 0 && glitches > 0 ? WiegandFrameOutcome.Noise
                : WiegandFrameOutcome.Invalid;
            var problem = _problem ?? (bits.Count == 0 ? "no complete pulse" : null);
            WiegandBits? value = null;
            if (outcome == WiegandFrameOutcome.Complete)
                value = new WiegandBits(bits.Aggregate(0UL, (v, p) => (v << 1) | (p.One ? 1UL : 0UL)), bits.Count);
            return new WiegandFrame(outcome, value, bits.Count, outcome == WiegandFrameOutcome.Complete ? null : problem,
                FirstEdgeNs, LastEdgeNs, endNs,
                bits.Count == 0 ? 0 : bits.Min(p => p.WidthNs), bits.Count == 0 ? 0 : bits.Max(p => p.WidthNs),
                _minInterval == long.MaxValue ? 0 : _minInterval, _maxInterval);
        }
    }
}
