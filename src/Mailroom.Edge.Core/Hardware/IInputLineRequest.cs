using System.Threading.Channels;

namespace Mailroom.Edge.Core.Hardware;

/// <summary>Held input lines. Events are delivered oldest first on a bounded channel.</summary>
public interface IInputLineRequest : IDisposable
{
    ChannelReader<LineEdgeEvent> Events { get; }

    /// <summary>
    /// Edges lost so far, whether the kernel's buffer overflowed or the consumer fell behind the channel. Either way
    /// the consumer also sees a gap in <see cref="LineEdgeEvent.SeqNo"/> (consecutive events differ by exactly 1), so a
    /// decoder can discard the frame in flight; this counter is for health reporting. The default is for adapters that
    /// cannot lose events.
    /// </summary>
    long DroppedEvents => 0;

    /// <summary>Reads the current logical value of a held line (active = true).</summary>
    bool GetValue(LineOffset offset);
}
