namespace Mailroom.Edge.Core.Readers.Osdp.Panel;

/// <summary>
/// The poll loop's timing. A reader must start its reply within 200 ms (SIA OSDP v2.2, REPLY_DELAY), and loses its
/// Secure Channel session after 8 s without a command, so every reader is polled far more often than that.
/// </summary>
public sealed record OsdpTiming
{
    /// <summary>How long the panel waits for a reply, on top of the command's own time on the wire.</summary>
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Sends of one command (the first and its retransmissions, same sequence number) before the reader is
    /// declared offline.</summary>
    public int Attempts { get; init; } = 3;

    /// <summary>The shortest time between two rounds of the bus: each reader is polled once per round, so a card read
    /// waits at most one round.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How often an offline reader is tried again (once, so a dead address costs the bus little).</summary>
    public TimeSpan OfflineRetry { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a reader that refused a session, or holds another key, is tried again.</summary>
    public TimeSpan HandshakeRetry { get; init; } = TimeSpan.FromSeconds(10);

    public static OsdpTiming Default { get; } = new();

    /// <summary>How long <paramref name="bytes"/> take on the wire at <paramref name="baud"/> (8N1: ten bits a byte).</summary>
    public static TimeSpan WireTime(int bytes, int baud) => TimeSpan.FromSeconds(bytes * 10.0 / baud);
}
