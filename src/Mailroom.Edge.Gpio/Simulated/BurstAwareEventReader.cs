using System.Threading.Channels;
using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio.Simulated;

/// <summary>
/// The events of a simulated request as a reader sees them. A burst injected with past timestamps (a frame that arrived
/// while the reader thread was descheduled) becomes visible all at once, as the kernel's buffer would hold it: a read
/// waits while <see cref="SimulatedGpioChip.InjectBurst"/> is still writing. Without this, a reader could see half a
/// burst, judge by the old timestamps that the frame had ended, and split it — a race that cannot happen on hardware.
/// </summary>
internal sealed class BurstAwareEventReader(ChannelReader<LineEdgeEvent> inner, Lock delivery) : ChannelReader<LineEdgeEvent>
{
    public override Task Completion => inner.Completion;

    public override bool TryRead(out LineEdgeEvent item)
    {
        lock (delivery)
            return inner.TryRead(out item);
    }

    public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) =>
        inner.WaitToReadAsync(cancellationToken);
}
