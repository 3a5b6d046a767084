namespace Mailroom.Edge.Core.Readers.Osdp.Panel;

/// <summary>
/// One serial port's bus, as the panel drives it: in rounds, each reader on it in turn is sent its pending commands (an
/// LED or buzzer change, a handshake step) and then its POLL, each reply awaited before the next packet (RS-485 is half
/// duplex). A round starts at most every <see cref="OsdpTiming.PollInterval"/>, sooner when a reader has something to
/// send (an LED for a decision), and every reader is polled in every round, so a card read waits at most one round. Bytes
/// that are not a reply from the polled address — noise, truncated or corrupted packets, a reply claiming another
/// address, the adapter's echo of our own command — are counted and never reach a reader's session.
/// </summary>
public sealed class OsdpPollLoop : IDisposable
{
    private readonly IOsdpLink _link;
    private readonly IReadOnlyList<OsdpReaderSession> _readers;
    private readonly OsdpTiming _timing;
    private readonly TimeProvider _time;
    private readonly OsdpExchange _exchange;
    private readonly AutoResetEvent _wake = new(false);
    private long _wrongAddress;
    private long _rounds;

    public OsdpPollLoop(IOsdpLink link, IReadOnlyList<OsdpReaderSession> readers, TimeProvider time, OsdpTiming? timing = null)
    {
        _link = link;
        _readers = readers;
        _timing = timing ?? OsdpTiming.Default;
        _time = time;
        _exchange = new OsdpExchange(link, time);
        foreach (var reader in readers)
            reader.Wake += OnWake;
    }

    public string Port => _link.Port;

    public IReadOnlyList<OsdpReaderSession> Readers => _readers;

    /// <summary>Replies that named an address other than the one polled (a misconfigured or hostile device).</summary>
    public long WrongAddressReplies => Interlocked.Read(ref _wrongAddress);

    /// <summary>Bytes outside any packet, and packets with a bad check or impossible length, on this bus.</summary>
    public long NoiseBytes => _exchange.NoiseBytes;

    public long BadPackets => _exchange.BadPackets;

    public long Rounds => Interlocked.Read(ref _rounds);

    /// <summary>Waits until the next round is due: a poll interval after <paramref name="roundStarted"/> (a
    /// <see cref="TimeProvider.GetTimestamp"/>), or sooner when a reader has something to send (a decision's LED) or
    /// <paramref name="stopping"/> fires.</summary>
    public void WaitForNextRound(long roundStarted, CancellationToken stopping)
    {
        var rest = _timing.PollInterval - _time.GetElapsedTime(roundStarted);
        if (rest > TimeSpan.Zero)
            WaitHandle.WaitAny([stopping.WaitHandle, _wake], rest);
    }

    /// <summary>A bound on one reader's exchanges in a round (commands queued ahead of its POLL), so a reader with a
    /// flood of commands cannot hold the bus from the others.</summary>
    public const int MaxExchangesPerReader = 8;

    /// <summary>One round: every reader that is due gets its packets sent (its POLL last) and each reply (or silence)
    /// handed back.</summary>
    public void RunRound()
    {
        foreach (var reader in _readers)
        {
            reader.StartRound();
            for (var i = 0; i < MaxExchangesPerReader && !reader.RoundDone; i++)
            {
                if (reader.NextPacket() is not { } packet)
                    break;
                Exchange(reader, packet);
            }
        }
        Interlocked.Increment(ref _rounds);
    }

    private void Exchange(OsdpReaderSession reader, byte[] packet)
    {
        var reply = _exchange.Send(packet, _timing.ReplyTimeout, frame =>
        {
            if (frame.Address == reader.Address)
                return reader.OnReply(frame);
            Interlocked.Increment(ref _wrongAddress);
            return false;
        }, reader.Counters.BadPacket);
        if (reply is null)
            reader.NoReply();
    }

    private void OnWake() => _wake.Set();

    public void Dispose()
    {
        foreach (var reader in _readers)
            reader.Wake -= OnWake;
        _wake.Dispose();
    }
}
