using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Core.Readers.Wiegand;

namespace Mailroom.Edge.Core.Tests.Readers;

/// <summary>Builds the kernel events of a Wiegand transmission for decoder tests.</summary>
internal sealed class EdgeTrain
{
    public static readonly LineOffset D0 = new(23);
    public static readonly LineOffset D1 = new(24);

    private readonly List<LineEdgeEvent> _events = [];
    private uint _seq;

    public IReadOnlyList<LineEdgeEvent> Events => _events;

    public EdgeTrain Edge(LineOffset line, EdgeKind kind, long ts)
    {
        _events.Add(new LineEdgeEvent(ts, line, kind, ++_seq, 0));
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

    /// <summary>Skips sequence numbers, as the kernel does when its buffer overflows.</summary>
    public EdgeTrain Drop(uint count)
    {
        _seq += count;
        return this;
    }

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
