using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Core.Readers.Wiegand;

/// <summary>
/// Turns the kernel-timestamped edges of a reader's D0 and D1 lines into frames, working only from the timestamps so
/// that thread scheduling can never corrupt a frame. Both lines idle high; a bit is a low pulse on D0 (0) or D1 (1).
/// A pulse too short (glitch), too long, too close to the previous one, overlapping a pulse on the other line, or a
/// gap in the kernel's sequence numbers (dropped events) makes the frame invalid; it is reported, never decoded.
/// Not thread-safe: one reader loop owns it.
/// </summary>
public sealed class WiegandFrameAssembler
{
    private readonly LineOffset _d0;
    private readonly LineOffset _d1;
    private readonly WiegandTiming _timing;

    private long _d0PulseStart = -1;
    private long _d1PulseStart = -1;
    private uint? _lastSeqNo;
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

        var frame = _frame ??= new FrameInProgress(edge.TimestampNs);
        if (_lastSeqNo is { } last && edge.SeqNo != last + 1)
            frame.Invalidate($"the kernel dropped {edge.SeqNo - last - 1} edge event(s) (buffer overflow)");
        _lastSeqNo = edge.SeqNo;
        frame.LastEdgeNs = edge.TimestampNs;

        var isD1 = edge.Offset == _d1;
        if (edge.Edge == EdgeKind.Falling)
            OnPulseStart(frame, isD1, edge.TimestampNs);
        else
            OnPulseEnd(frame, isD1, edge.TimestampNs);
        return finished;
    }

    /// <summary>Ends the frame in progress if <paramref name="nowNs"/> is past its deadline.</summary>
    public WiegandFrame? OnTime(long nowNs) =>
        _frame is { } pending && nowNs >= pending.DeadlineNs(_timing) ? Finish(pending.DeadlineNs(_timing)) : null;

    private void OnPulseStart(FrameInProgress frame, bool isD1, long ts)
    {
        var otherStart = isD1 ? _d0PulseStart : _d1PulseStart;
        if (otherStart >= 0)
            frame.Invalidate("D0 and D1 were low at the same time (crossed or shorted data lines?)");
        if (frame.LastPulseStartNs >= 0)
        {
            var interval = ts - frame.LastPulseStartNs;
            if (interval < _timing.MinBitInterval.Ticks * 100)
                frame.Invalidate($"two pulses {interval / 1000} µs apart, below the {_timing.MinBitInterval.TotalMicroseconds} µs minimum");
            frame.RecordInterval(interval);
        }
        frame.LastPulseStartNs = ts;
        if (isD1)
            _d1PulseStart = ts;
        else
            _d0PulseStart = ts;
    }

    private void OnPulseEnd(FrameInProgress frame, bool isD1, long ts)
    {
        var start = isD1 ? _d1PulseStart : _d0PulseStart;
        if (isD1)
            _d1PulseStart = -1;
        else
            _d0PulseStart = -1;
        if (start < 0)
        {
            // A rising edge without its falling edge: the request started mid-pulse or an event was lost.
            frame.Invalidate("a pulse ended that was never seen to start");
            return;
        }
        var width = ts - start;
        if (width < _timing.MinPulseWidth.Ticks * 100)
        {
            frame.Glitches++;
            frame.Invalidate($"a {width / 1000.0:0.#} µs glitch, shorter than the {_timing.MinPulseWidth.TotalMicroseconds} µs minimum pulse");
            return;
        }
        if (width > _timing.MaxPulseWidth.Ticks * 100)
            frame.Invalidate($"a {width / 1000} µs pulse, longer than the {_timing.MaxPulseWidth.TotalMicroseconds} µs maximum (line held low?)");
        frame.RecordWidth(width);
        frame.AddBit(isD1);
    }

    private WiegandFrame Finish(long endNs)
    {
        var frame = _frame!;
        _frame = null;
        if (_d0PulseStart >= 0 || _d1PulseStart >= 0)
        {
            frame.Invalidate("a data line is still low at the end of the frame (stuck line?)");
            _d0PulseStart = _d1PulseStart = -1;
        }
        return frame.ToFrame(endNs);
    }

    /// <summary>The mutable state of the frame being received.</summary>
    private sealed class FrameInProgress(long firstEdgeNs)
    {
        private ulong _bits;
        private long _intervalSum;
        private int _intervalCount;
        private long _minWidth = long.MaxValue;
        private long _maxWidth;
        private long _minInterval = long.MaxValue;
        private long _maxInterval;
        private string? _problem;

        public long FirstEdgeNs { get; } = firstEdgeNs;

        public long LastEdgeNs { get; set; } = firstEdgeNs;

        public long LastPulseStartNs { get; set; } = -1;

        public int BitCount { get; private set; }

        public int Glitches { get; set; }

        public void Invalidate(string problem) => _problem ??= problem;

        public void AddBit(bool one)
        {
            if (BitCount == WiegandBits.MaxLength)
            {
                Invalidate($"more than {WiegandBits.MaxLength} bits");
                BitCount++;
                return;
            }
            if (BitCount < WiegandBits.MaxLength)
            {
                _bits = (_bits << 1) | (one ? 1UL : 0UL);
                BitCount++;
            }
        }

        public void RecordWidth(long width)
        {
            _minWidth = Math.Min(_minWidth, width);
            _maxWidth = Math.Max(_maxWidth, width);
        }

        public void RecordInterval(long interval)
        {
            _intervalSum += interval;
            _intervalCount++;
            _minInterval = Math.Min(_minInterval, interval);
            _maxInterval = Math.Max(_maxInterval, interval);
        }

        /// <summary>A few measured bit periods after the last edge, clamped; before two bits are seen, the maximum.</summary>
        public long DeadlineNs(WiegandTiming timing)
        {
            var maxGap = timing.EndOfFrameMax.Ticks * 100;
            if (_intervalCount == 0)
                return LastEdgeNs + maxGap;
            var gap = (long)(timing.EndOfFrameBitPeriods * _intervalSum / _intervalCount);
            return LastEdgeNs + Math.Clamp(gap, timing.EndOfFrameMin.Ticks * 100, maxGap);
        }

        public WiegandFrame ToFrame(long endNs)
        {
            var outcome = _problem is null && BitCount > 0 ? WiegandFrameOutcome.Complete
                : BitCount == 0 && Glitches > 0 ? WiegandFrameOutcome.Noise
                : WiegandFrameOutcome.Invalid;
            var problem = _problem ?? (BitCount == 0 ? "no complete pulse" : null);
            WiegandBits? bits = outcome == WiegandFrameOutcome.Complete ? new WiegandBits(_bits, BitCount) : null;
            return new WiegandFrame(outcome, bits, BitCount, outcome == WiegandFrameOutcome.Complete ? null : problem,
                FirstEdgeNs, LastEdgeNs, endNs,
                _minWidth == long.MaxValue ? 0 : _minWidth, _maxWidth,
                _minInterval == long.MaxValue ? 0 : _minInterval, _maxInterval);
        }
    }
}
