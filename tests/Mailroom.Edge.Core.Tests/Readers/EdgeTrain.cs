using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Core.Readers.Wiegand;

namespace Mailroom.Edge.Core.Tests.Readers;

/// <summary>
/// Builds the kernel events of a Wiegand transmission for decoder tests, numbered as gpiolib-cdev numbers them for one
/// request of both lines: <c>seqno</c> per edge across the request, <c>line_seqno</c> per event the line's interrupt
/// thread writes.
/// </summary>
internal sealed class EdgeTrain
{
    public static readonly LineOffset D0 = new(23);
    public static readonly LineOffset D1 = new(24);

    private readonly List<LineEdgeEvent> _events = [];
    private readonly Dictionary<LineOffset, uint> _lineSeq = [];
    private uint _seq;

    public IReadOnlyList<LineEdgeEvent> Events => _events;

    public EdgeTrain Edge(LineOffset line, EdgeKind kind, long ts)
    {
        _events.Add(new LineEdgeEvent(ts, line, kind, ++_seq, NextLineSeq(line)));
        return this;
    }

    public EdgeTrain Pulse(LineOffset line, long startNs, long widthNs) =>
        Edge(line, EdgeKind.Falling, startNs).Edge(line, EdgeKind.Rising, startNs + widthNs);

    public EdgeTrain Frame(WiegandBits bits, long startNs, long intervalNs = 2_000_000, long widthNs = 50_000)
    {
        for (var i = 0; i < bits.Length; i++)
            Pulse(bits[i] ? D1 : D0, startNs + i * intervalNs, widthNs);
        return this;
    }

    /// <summary>A frame with pulses 20–100 µs wide and 0.4–3 ms apart, drawn from <paramref name="random"/>.</summary>
    public EdgeTrain JitteredFrame(WiegandBits bits, Random random)
    {
        long start = 0;
        for (var i = 0; i < bits.Length; i++)
        {
            start += random.Next(400_000, 3_000_000);
            Pulse(bits[i] ? D1 : D0, start, random.Next(20_000, 100_001));
        }
        return this;
    }

    /// <summary>Events the kernel numbered and then dropped whole (its fifo was full): a gap in both numbers.</summary>
    public EdgeTrain LoseWhole(LineOffset line, uint count)
    {
        _seq += count;
        _lineSeq[line] = _lineSeq.GetValueOrDefault(line) + count;
        return this;
    }

    /// <summary>
    /// A pulse whose falling edge the line's interrupt thread never wrote: the rising edge's hard interrupt came first
    /// and overwrote the timestamp and seqno, so one event remains, at the rise. The request's seqno skips one; the
    /// line's own does not.
    /// </summary>
    public EdgeTrain PulseMergedByLateInterruptThread(LineOffset line, long startNs, long widthNs)
    {
        _seq++;
        return Edge(line, EdgeKind.Rising, startNs + widthNs);
    }

    private uint NextLineSeq(LineOffset line) => _lineSeq[line] = _lineSeq.GetValueOrDefault(line) + 1;

    public static List<WiegandFrame> Run(WiegandFrameAssembler assembler, IEnumerable<LineEdgeEvent> events, long endNs)
    {
        var frames = new List<WiegandFrame>();
        foreach (var e in events)
        {
            if (assembler.OnEdge(e) is { } f)
                frames.Add(f);
        }
        if (assembler.OnTime(endNs) is { } last)
            frames.Add(last);
        return frames;
    }
}
