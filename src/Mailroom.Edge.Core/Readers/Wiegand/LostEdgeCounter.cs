using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Core.Readers.Wiegand;

/// <summary>
/// Counts the edges missing from one line request's events, and why, from the two numbers gpiolib-cdev gives each
/// event (drivers/gpio/gpiolib-cdev.c): <c>seqno</c> is taken for the whole request in the hard interrupt handler, at
/// the edge; <c>line_seqno</c> counts the events the line's interrupt thread wrote. So an event written and then lost
/// whole (the kernel's fifo was full and dropped its oldest, or this process's queue was full) leaves a gap in both,
/// while two edges of one line before its interrupt thread ran become one event: a gap in <c>seqno</c> only. Each
/// line has its own thread, so a line's event may arrive after the other line's later ones: a <c>seqno</c> below the
/// highest seen fills a gap rather than opening one. So does a repeated one: a thread that reads the line's seqno after
/// the line's next hard interrupt gives its event that edge's number, which the next event carries again.
/// </summary>
internal sealed class LostEdgeCounter
{
    private readonly Dictionary<LineOffset, uint> _lineSeqNos = [];
    private uint _highestSeqNo; // the kernel numbers both from 1 for each request

    /// <summary>Request seqnos skipped and not filled by a late event, whatever lost them.</summary>
    public long Unseen { get; private set; }

    /// <summary>Events lost whole after the kernel wrote them: the gaps in each line's own line_seqno.</summary>
    public long LostWhole { get; private set; }

    public void Observe(LineEdgeEvent edge)
    {
        if (edge.SeqNo > _highestSeqNo)
        {
            Unseen += edge.SeqNo - _highestSeqNo - 1;
            _highestSeqNo = edge.SeqNo;
        }
        else if (Unseen > 0)
        {
            Unseen--;
        }
        var last = _lineSeqNos.GetValueOrDefault(edge.Offset);
        if (edge.LineSeqNo > last + 1)
            LostWhole += edge.LineSeqNo - last - 1;
        _lineSeqNos[edge.Offset] = edge.LineSeqNo;
    }
}
