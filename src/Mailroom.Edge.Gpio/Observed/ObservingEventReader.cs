using System.Threading.Channels;
using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio.Observed;

/// <summary>
/// A request's edge channel as its owner reads it, noting each edge as it is taken: the record costs a dictionary
/// lookup and a few stores on the owner's own thread, and adds no hop, no copy and no second reader to the channel.
/// </summary>
internal sealed class ObservingEventReader(ChannelReader<LineEdgeEvent> inner, IReadOnlyDictionary<LineOffset, LineActivity> lines)
    : ChannelReader<LineEdgeEvent>
{
    public override Task Completion => inner.Completion;

    public override bool CanCount => inner.CanCount;

    public override int Count => inner.Count;

    public override bool TryRead(out LineEdgeEvent item)
    {
        if (!inner.TryRead(out item))
            return false;
        if (lines.TryGetValue(item.Offset, out var line))
            line.Changed(item.TimestampNs, item.Edge);
        return true;
    }

    public override bool CanPeek => inner.CanPeek;

    public override bool TryPeek(out LineEdgeEvent item) => inner.TryPeek(out item);

    public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) =>
        inner.WaitToReadAsync(cancellationToken);
}
