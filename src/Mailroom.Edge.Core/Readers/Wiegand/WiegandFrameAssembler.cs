using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Core.Readers.Wiegand;

/// <summary>
/// Turns the kernel-timestamped pulse starts of a reader's D0 and D1 lines (one falling-edge request of both:
/// <see cref="WiegandLines"/>) into frames, working only from the timestamp and the line of each event, so that thread
/// scheduling can never corrupt a frame. Both lines idle high; each event is one bit: a fall on D0 (0) or D1 (1).
/// <para>
/// Each line has its own interrupt thread, so one line's events may arrive after the other's later ones: a frame's
/// pulse starts are put in timestamp order at its end. Pulse widths are not measured (a falling-edge request has no
/// rising edges), so a glitch is a pulse start closer than <see cref="WiegandTiming.MinBitInterval"/> to the previous
/// one, and a frame whose starts all fall within one such interval is <see cref="WiegandFrameOutcome.Noise"/>: a spike
/// or ringing, not a bit (no Wiegand format has one bit).
/// </para>
/// A glitch, or an edge lost inside the frame, before its first event or (when the next event shows it) after its last
/// (<see cref="LostEdgeCounter"/>), makes the frame invalid; it is reported, never decoded. A line held low at the end
/// of a frame can only be seen by reading it: <see cref="CheckLinesHigh"/>. Not thread-safe: one reader loop owns it.
/// </summary>
public sealed class WiegandFrameAssembler
{
    /// <summary>How a frame's problem names events lost whole: <see cref="ReaderDiagnostics"/> counts them apart.</summary>
    internal const string OverflowCause = "buffer overflow";

    /// <summary>How a frame's problem names edges the kernel merged: <see cref="ReaderDiagnostics"/> counts them apart.</summary>
    internal const string MissedEdgeCause = "interrupt thread ran late";

    private readonly WiegandTiming _timing;
    private readonly LostEdgeCounter _lost = new();
    private FrameInProgress? _frame;

    public WiegandFrameAssembler(LineOffset d0, LineOffset d1, WiegandTiming timing)
    {
        if (d0 == d1)
            throw new ArgumentException("D0 and D1 must be different lines.", nameof(d1));
        D0 = d0;
        D1 = d1;
        _timing = timing;
    }

    public LineOffset D0 { get; }

    public LineOffset D1 { get; }

    /// <summary>When the frame in progress ends if no further pulse starts (chip clock, ns), or null when idle.</summary>
    public long? DeadlineNs => _frame?.DeadlineNs(_timing);

    /// <summary>Feeds one pulse start. Returns the previous frame when this one arrives after that frame's end.</summary>
    public WiegandFrame? OnEdge(LineEdgeEvent edge)
    {
        if (edge.Offset != D0 && edge.Offset != D1)
            return null;

        WiegandFrame? finished = null;
        if (_frame is { } pending && edge.TimestampNs >= pending.DeadlineNs(_timing))
        {
            // Edges numbered between the frame's last event and this one may have been the frame's own last bits.
            var (unseen, lostWhole) = _lost.GapBefore(edge);
            var cutShort = unseen == 0 ? null
                : $"{unseen} edge(s) after its last were lost, so it may be cut short ({(lostWhole > 0 ? $"event {OverflowCause}: raise Gpio:EventBufferSize" : "numbered by the kernel, never delivered")})";
            finished = Finish(pending.DeadlineNs(_timing), cutShort);
        }

        var frame = _frame ??= new FrameInProgress(_lost.Unseen, _lost.LostWhole, _lost.HighestSeqNo);
        _lost.Observe(edge);
        frame.Add(edge, edge.Offset == D1);
        return finished;
    }

    /// <summary>Ends the frame in progress if <paramref name="nowNs"/> is past its deadline.</summary>
    public WiegandFrame? OnTime(long nowNs) =>
        _frame is { } pending && nowNs >= pending.DeadlineNs(_timing) ? Finish(pending.DeadlineNs(_timing), null) : null;

    /// <summary>
    /// The frame as judged with the data lines' logical levels read once it has ended: a line still low then (idle is
    /// high) is held low by a fault, and whatever bits came before cannot be trusted. Pure: the reader loop reads the
    /// levels, and only for a frame that ended in silence, since after a later pulse start a low line may be that
    /// pulse.
    /// </summary>
    public static WiegandFrame CheckLinesHigh(WiegandFrame frame, bool d0High, bool d1High)
    {
        var low = (d0High, d1High) switch
        {
            (false, false) => "D0 and D1",
            (false, true) => "D0",
            (true, false) => "D1",
            _ => null,
        };
        if (low is null)
            return frame;
        var held = $"{low} held low (stuck or shorted to ground?)";
        // A lost edge keeps its place first, so the diagnostics still count it by its cause.
        var problem = frame.Outcome == WiegandFrameOutcome.Invalid ? $"{frame.Problem}; {held}" : held;
        return frame with { Outcome = WiegandFrameOutcome.Invalid, Bits = null, Problem = problem };
    }

    private WiegandFrame Finish(long endNs, string? cutShort)
    {
        var frame = _frame!;
        _frame = null;
        // A lost edge comes first: whatever else looks wrong in the frame follows from it.
        var loss = LossProblem(_lost.LostWhole - frame.LostWholeAtStart, _lost.Unseen - frame.UnseenAtStart);
        var leading = frame.LowestSeqNo - frame.HighestSeqNoBefore - 1;
        if (loss is not null && leading > 0)
            loss = $"the frame's first {leading} edge(s) were lost: {loss}";
        return frame.ToFrame(endNs, loss ?? cutShort, _timing);
    }

    private static string? LossProblem(long lostWhole, long unseen)
    {
        if (lostWhole > 0)
            return $"{lostWhole} edge event(s) lost whole after the kernel numbered them (event {OverflowCause}: raise Gpio:EventBufferSize)";
        var missed = unseen - lostWhole;
        return missed > 0
            ? $"the kernel missed {missed} edge(s): the line's {MissedEdgeCause} and took two pulse starts as one (more than a bit period late: the system was too busy; the event buffer size does not matter)"
            : null;
    }

    /// <summary>One pulse start: when (chip clock, ns) and on which line.</summary>
    private readonly record struct PulseStart(long Ns, bool One);

    /// <summary>The mutable state of the frame being received.</summary>
    private sealed class FrameInProgress(long unseenAtStart, long lostWholeAtStart, uint highestSeqNoBefore)
    {
        private readonly List<PulseStart> _starts = [];
        private long _firstNs = long.MaxValue;
        private long _lastNs = long.MinValue;

        public long UnseenAtStart { get; } = unseenAtStart;

        public long LostWholeAtStart { get; } = lostWholeAtStart;

        /// <summary>The last seqno seen before this frame, from the previous frames' events.</summary>
        public uint HighestSeqNoBefore { get; } = highestSeqNoBefore;

        public uint LowestSeqNo { get; private set; } = uint.MaxValue;

        public void Add(LineEdgeEvent edge, bool one)
        {
            _starts.Add(new PulseStart(edge.TimestampNs, one));
            _firstNs = Math.Min(_firstNs, edge.TimestampNs);
            _lastNs = Math.Max(_lastNs, edge.TimestampNs);
            LowestSeqNo = Math.Min(LowestSeqNo, edge.SeqNo);
        }

        /// <summary>A few measured bit periods after the last pulse start, clamped; before two are seen, the maximum.</summary>
        public long DeadlineNs(WiegandTiming timing)
        {
            var maxGap = timing.EndOfFrameMax.Ticks * 100;
            if (_starts.Count < 2)
                return _lastNs + maxGap;
            // The mean interval from the first and last starts alone, so starts arriving out of order change nothing.
            var gap = (long)(timing.EndOfFrameBitPeriods * (_lastNs - _firstNs) / (_starts.Count - 1));
            return _lastNs + Math.Clamp(gap, timing.EndOfFrameMin.Ticks * 100, maxGap);
        }

        public WiegandFrame ToFrame(long endNs, string? loss, WiegandTiming timing)
        {
            _starts.Sort((a, b) => a.Ns.CompareTo(b.Ns));
            var minBitNs = timing.MinBitInterval.Ticks * 100;
            long minInterval = long.MaxValue, maxInterval = 0;
            string? glitch = null;
            var glitches = 0;
            for (var i = 1; i < _starts.Count; i++)
            {
                var (previous, start) = (_starts[i - 1], _starts[i]);
                var interval = start.Ns - previous.Ns;
                minInterval = Math.Min(minInterval, interval);
                maxInterval = Math.Max(maxInterval, interval);
                if (interval >= minBitNs)
                    continue;
                glitches++;
                glitch ??= Glitch(previous, start, interval, timing);
            }
            if (minInterval == long.MaxValue)
                minInterval = 0;

            if (loss is null && _lastNs - _firstNs < minBitNs)
            {
                var noise = $"{_starts.Count} pulse start(s) within {(_lastNs - _firstNs) / 1000} µs, less than one {timing.MinBitInterval.TotalMicroseconds} µs bit interval: noise, not a frame";
                return new WiegandFrame(WiegandFrameOutcome.Noise, null, 0, noise, _firstNs, _lastNs, endNs, minInterval, maxInterval);
            }

            var bitCount = _starts.Count - glitches;
            var problem = loss ?? glitch ?? (_starts.Count > WiegandBits.MaxLength ? $"more than {WiegandBits.MaxLength} bits" : null);
            WiegandBits? value = problem is null
                ? new WiegandBits(_starts.Aggregate(0UL, (v, s) => (v << 1) | (s.One ? 1UL : 0UL)), _starts.Count)
                : null;
            return new WiegandFrame(problem is null ? WiegandFrameOutcome.Complete : WiegandFrameOutcome.Invalid, value, bitCount,
                problem, _firstNs, _lastNs, endNs, minInterval, maxInterval);
        }

        private static string Glitch(PulseStart previous, PulseStart start, long intervalNs, WiegandTiming timing)
        {
            var apart = $"{intervalNs / 1000} µs apart, below the {timing.MinBitInterval.TotalMicroseconds} µs minimum bit interval";
            return previous.One == start.One
                ? $"a glitch: two pulse starts on {Line(start.One)} {apart} (noise on the line, or a reader too fast?)"
                : $"a glitch: pulse starts on D0 and D1 {apart} (noise, or the data lines shorted together?)";
        }

        private static string Line(bool one) => one ? "D1" : "D0";
    }
}
