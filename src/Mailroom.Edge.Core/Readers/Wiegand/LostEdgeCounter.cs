using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Core.Readers.Wiegand;

/// <summary>
/// Counts the edges missing from one line request's events, and why, from the two numbers gpiolib-cdev gives each
/// event (drivers/gpio/gpiolib-cdev.c): <c>seqno</c> is taken for the whole request in the hard interrupt handler, at
/// the edge; <c>line_seqno</c> counts the events the line's interrupt thread wrote. So an event written and then lost
/// whole (the kernel's fifo was full and dropped its oldest, or this process's queue was full) leaves a gap in both,
/// while two edges of one line before its interrupt thread ran (for Wiegand's falling-edge request, a thread more than
/// a bit period late) become one event: a gap in <c>seqno</c> only. Each line has its own thread, so a line's event may
/// arrive after the other line's later ones: a <c>seqno</c> below the highest seen fills a gap rather than opening one.
/// So does a repeated one: a thread that reads the line's seqno after the line's next hard interrupt gives its event
/// that edge's number, which the next event carries again. The counts run for the life of the request, across frames.
/// </summary>
internal sealed class LostEdgeCounter
{
    private readonly Dictionary<LineOffset, uint> _lineSeqNos = [];

    /// <summary>Request seqnos skipped and not filled by a late event, whatever lost them.</summary>
    public long Unseen { get; private set; }

    /// <summary>Events lost whole after the kernel wrote them: the gaps in each line's own line_seqno.</summary>
    public long LostWhole { get; private set; }

    /// <summary>The highest request seqno seen so far; the kernel numbers both from 1 for each request, so 0 before any.</summary>
    public uint HighestSeqNo { get; private set; }

    /// <summary>What <paramref name="edge"/> would add to <see cref="Unseen"/> and <see cref="LostWhole"/> (a gap it
    /// opens), without observing it.</summary>
    public (long Unseen, long LostWhole) GapBefore(LineEdgeEvent edge)
    {
        var unseen = edge.SeqNo > HighestSeqNo ? edge.SeqNo - HighestSeqNo - 1 : 0;
        var last = _lineSeqNos.GetValueOrDefault(edge.Offset);
        var lostWhole = edge.LineSeqNo > last + 1 ? edge.LineSeqNo - last - 1 : 0;
        return (unseen, lostWhole);
    }

    public void Observe(LineEdgeEvent edge)
    {
        var (unseen, lostWhole) = GapBefore(edge);
        if (edge.SeqNo > HighestSeqNo)
        {
            Unseen += unseen;
            HighestSeqNo = edge.SeqNo;
        }
        else if (Unseen > 0)
        {
            Unseen--;
        }
        LostWhole += lostWhole;
        _lineSeqNos[edge.Offset] = edge.LineSeqNo;
    }
}
