namespace Mailroom.Edge.Core.Readers.Osdp.Panel;

/// <summary>
/// One command and its reply on a half-duplex line: bytes still unread are dropped (they belong to an exchange already
/// given up on), the packet is written, and replies are read until one is accepted or the reply timeout (on top of the
/// packet's own time on the wire) passes. Packets that do not parse are reported and skipped; the panel's own command
/// echoed back by an adapter is ignored. Used by the poll loop and by <c>osdp scan</c>.
/// </summary>
public sealed class OsdpExchange(IOsdpLink link, TimeProvider time)
{
    private readonly OsdpFrameReader _frames = new();
    private readonly byte[] _buffer = new byte[512];

    /// <summary>Bytes outside any packet on this line.</summary>
    public long NoiseBytes => _frames.NoiseBytes;

    /// <summary>Packets with a bad check or impossible length on this line.</summary>
    public long BadPackets => _frames.BadPackets;

    /// <summary>The accepted reply, or null when none came in time. <paramref name="accept"/> sees every reply in
    /// order; <paramref name="badPacket"/> is told of each packet that did not parse.</summary>
    public OsdpFrame? Send(byte[] packet, TimeSpan replyTimeout, Func<OsdpFrame, bool> accept, Action? badPacket = null)
    {
        link.DiscardInput();
        _frames.Expire();
        link.Write(packet);
        var deadline = time.GetTimestamp() + Ticks(OsdpTiming.WireTime(packet.Length, link.Baud) + replyTimeout);
        while (true)
        {
            var remaining = TimeSpan.FromSeconds((deadline - time.GetTimestamp()) / (double)time.TimestampFrequency);
            var read = remaining > TimeSpan.Zero ? link.Read(_buffer, remaining) : 0;
            if (read == 0)
            {
                foreach (var _ in _frames.Expire().Where(r => r.Frame is null))
                    badPacket?.Invoke();
                return null;
            }
            foreach (var result in _frames.Feed(_buffer.AsSpan(0, read)))
            {
                if (result.Frame is not { } frame)
                    badPacket?.Invoke();
                else if (frame.IsReply && accept(frame))
                    return frame;
            }
        }
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);
}
