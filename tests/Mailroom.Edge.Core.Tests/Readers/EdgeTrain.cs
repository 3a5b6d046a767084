using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Core.Readers.Wiegand;

namespace Mailroom.Edge.Core.Tests.Readers;

/// <summary>
/// Builds the kernel events of a Wiegand transmission for decoder tests, as gpiolib-cdev gives them for one request of
/// both lines with the falling edge only (<see cref="WiegandLines"/>): one event per bit at its pulse start, id Falling,
/// <c>seqno</c> counted across the request at each hard interrupt, <c>line_seqno</c> per event the line's interrupt
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

    /// <summary>A pulse start: the line fell at <paramref name="ts"/>.</summary>
    public EdgeTrain Fall(LineOffset line, long ts)
    {
        _events.Add(new LineEdgeEvent(ts, line, EdgeKind.Falling, ++_seq, NextLineSeq(line)));
        return this;
    }

    public EdgeTrain Frame(WiegandBits bits, long startNs, long intervalNs = 2_000_000)
    {
        for (var i = 0; i < bits.Length; i++)
            Fall(bits[i] ? D1 : D0, startNs + i * intervalNs);
        return this;
    }

    /// <summary>A frame of which only the bits <paramref name="delivered"/> picks arrive; the kernel numbered the others
    /// and dropped them whole (its fifo was full and it drops its oldest).</summary>
    public EdgeTrain FrameWithLosses(WiegandBits bits, long startNs, Func<int, bool> delivered, long intervalNs = 2_000_000)
    {
        for (var i = 0; i < bits.Length; i++)
        {
            if (delivered(i))
                Fall(bits[i] ? D1 : D0, startNs + i * intervalNs);
            else
                LoseWhole(bits[i] ? D1 : D0, 1);
        }
        return this;
    }

    /// <summary>A frame with bits 0.4–3 ms apart, drawn from <paramref name="random"/>.</summary>
    public EdgeTrain JitteredFrame(WiegandBits bits, Random random)
    {
        long start = 0;
        for (var i = 0; i < bits.Length; i++)
        {
            start += random.Next(400_000, 3_000_000);
            Fall(bits[i] ? D1 : D0, start);
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
    /// Two pulse starts on one line before its interrupt thread ran (more than a bit period late): the second hard
    /// interrupt overwrote the first's timestamp and seqno, so one event remains, at the second. The request's seqno
    /// skips one; the line's own does not.
    /// </summary>
    public EdgeTrain FallsMergedByLateInterruptThread(LineOffset line, long secondNs)
    {
        _seq++;
        return Fall(line, secondNs);
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
