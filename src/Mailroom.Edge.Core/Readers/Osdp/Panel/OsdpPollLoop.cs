namespace Mailroom.Edge.Core.Readers.Osdp.Panel;

/// <summary>
/// One serial port's bus, as the panel drives it: in rounds, each reader on it is sent its next packet and its reply
/// awaited, one at a time (RS-485 is half duplex). A round starts at most every <see cref="OsdpTiming.PollInterval"/>,
/// sooner when a reader has something to send (an LED for a decision), so a card read waits at most one round. Bytes
/// that are not a reply from the polled address — noise, truncated or corrupted packets, a reply claiming another
/// address, the adapter's echo of our own command — are counted and never reach a reader's session.
/// </summary>
public sealed class OsdpPollLoop : IDisposable
{
    private readonly IOsdpLink _link;
    private readonly IReadOnlyList<OsdpReaderSession> _readers;
    private readonly OsdpTiming _timing;
    private readonly TimeProvider _time;
    private readonly OsdpFrameReader _frames = new();
    private readonly byte[] _buffer = new byte[512];
    private readonly AutoResetEvent _wake = new(false);
    private long _wrongAddress;
    private long _rounds;

    public OsdpPollLoop(IOsdpLink link, IReadOnlyList<OsdpReaderSession> readers, TimeProvider time, OsdpTiming? timing = null)
    {
        _link = link;
        _readers = readers;
        _time = time;
        _timing = timing ?? OsdpTiming.Default;
        foreach (var reader in readers)
            reader.Wake += OnWake;
    }

    public string Port => _link.Port;

    public IReadOnlyList<OsdpReaderSession> Readers => _readers;

    /// <summary>Replies that named an address other than the one polled (a misconfigured or hostile device).</summary>
    public long WrongAddressReplies => Interlocked.Read(ref _wrongAddress);

    /// <summary>Bytes outside any packet, and packets with a bad check or impossible length, on this bus.</summary>
    public long NoiseBytes => _frames.NoiseBytes;

    public long BadPackets => _frames.BadPackets;

    public long Rounds => Interlocked.Read(ref _rounds);

    /// <summary>Waits until the next round is due: <paramref name="rest"/> has passed, a reader has something to send
    /// (a decision's LED), or <paramref name="stopping"/> fires.</summary>
    public void WaitForWork(TimeSpan rest, CancellationToken stopping) => WaitHandle.WaitAny([stopping.WaitHandle, _wake], rest);

    /// <summary>One round: every reader that is due gets its packet sent and its reply (or silence) handed back.</summary>
    public void RunRound()
    {
        foreach (var reader in _readers)
        {
            if (reader.NextPacket() is not { } packet)
                continue;
            Exchange(reader, packet);
        }
        Interlocked.Increment(ref _rounds);
    }

    private void Exchange(OsdpReaderSession reader, byte[] packet)
    {
        // Anything still unread belongs to an exchange already given up on.
        _link.DiscardInput();
        _frames.Expire();
        _link.Write(packet);
        var deadline = _time.GetTimestamp() + Ticks(OsdpTiming.WireTime(packet.Length, _link.Baud) + _timing.ReplyTimeout);
        while (true)
        {
            var remaining = TimeSpan.FromSeconds((deadline - _time.GetTimestamp()) / (double)_time.TimestampFrequency);
            var read = remaining > TimeSpan.Zero ? _link.Read(_buffer, remaining) : 0;
            if (read == 0)
            {
                CountBad(reader, _frames.Expire());
                reader.NoReply();
                return;
            }
            foreach (var result in _frames.Feed(_buffer.AsSpan(0, read)))
            {
                if (result.Frame is not { } frame)
                {
                    reader.Counters.BadPacket();
                    continue;
                }
                if (!frame.IsReply)
                    continue;
                if (frame.Address != reader.Address)
                {
                    Interlocked.Increment(ref _wrongAddress);
                    continue;
                }
                if (reader.OnReply(frame))
                    return;
            }
        }
    }

    private static void CountBad(OsdpReaderSession reader, IReadOnlyList<OsdpReadResult> results)
    {
        foreach (var _ in results.Where(r => r.Frame is null))
            reader.Counters.BadPacket();
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    private void OnWake() => _wake.Set();

    public void Dispose()
    {
        foreach (var reader in _readers)
            reader.Wake -= OnWake;
        _wake.Dispose();
    }
}
