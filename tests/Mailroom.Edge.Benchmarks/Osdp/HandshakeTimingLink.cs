using System.Diagnostics;
using Mailroom.Edge.Core.Readers.Osdp;
using Mailroom.Edge.Core.Readers.Osdp.Panel;

namespace Mailroom.Edge.Benchmarks.Osdp;

/// <summary>
/// The panel's link passed through, timing each Secure Channel handshake from its CHLNG being written to its session
/// going Online. The session goes Online while the loop handles the last reply; that is seen at the loop's next write
/// or at the end of the round (<see cref="RoundEnded"/>), microseconds later. Used on the poll loop's thread; only
/// <see cref="HandshakesMs"/> is read from others. Off (<see cref="Timing"/> false) it only forwards, so it costs the
/// loop nothing while its CPU time is measured.
/// </summary>
internal sealed class HandshakeTimingLink(IOsdpLink inner, IReadOnlyList<OsdpReaderSession> sessions) : IOsdpLink
{
    private const byte Mark = 0xFF;

    private readonly Dictionary<byte, long> _challenged = [];
    private readonly List<double> _handshakesMs = [];
    private readonly Lock _gate = new();

    public bool Timing { get; set; } = true;

    public string Port => inner.Port;

    public int Baud => inner.Baud;

    public IReadOnlyList<double> HandshakesMs
    {
        get
        {
            lock (_gate)
                return [.. _handshakesMs];
        }
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (Timing)
        {
            RoundEnded();
            var packet = bytes.Length > 0 && bytes[0] == Mark ? bytes[1..] : bytes;
            if (OsdpFrameCodec.Decode(packet, out _) is { IsReply: false, Code: OsdpCodes.Challenge } challenge)
                _challenged[challenge.Address] = Stopwatch.GetTimestamp();
        }
        inner.Write(bytes);
    }

    /// <summary>Notes the sessions that went Online since their CHLNG (the loop's thread, after each round).</summary>
    public void RoundEnded()
    {
        if (_challenged.Count == 0)
            return;
        foreach (var session in sessions)
        {
            if (!_challenged.TryGetValue(session.Address, out var sent) || session.State != OsdpReaderState.Online)
                continue;
            _challenged.Remove(session.Address);
            lock (_gate)
                _handshakesMs.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
        }
    }

    public int Read(Span<byte> buffer, TimeSpan timeout) => inner.Read(buffer, timeout);

    public void DiscardInput() => inner.DiscardInput();

    public void Dispose() => inner.Dispose();
}
