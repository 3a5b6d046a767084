namespace Mailroom.Edge.Core.Readers.Osdp.Simulation;

/// <summary>
/// Several simulated readers on one multi-drop bus: the bytes the panel writes, in whatever pieces, are cut into
/// packets as a reader's UART would (<see cref="OsdpFrameReader"/>: noise and bad packets are skipped and counted) and
/// every packet goes to every reader; the one addressed answers (all of them to a broadcast). Thread-safe.
/// </summary>
public sealed class OsdpBusSimulator
{
    private readonly Lock _gate = new();
    private readonly OsdpFrameReader _frames = new();
    private readonly OsdpReaderSimulator[] _readers;

    public OsdpBusSimulator(params IEnumerable<OsdpReaderSimulator> readers)
    {
        ArgumentNullException.ThrowIfNull(readers);
        _readers = [.. readers];
    }

    public IReadOnlyList<OsdpReaderSimulator> Readers => _readers;

    /// <summary>Packets the bus could not read (bad check characters, impossible length), which no reader saw.</summary>
    public long BadPackets { get { lock (_gate) return _frames.BadPackets; } }

    /// <summary>Bytes from the panel; returns the replies to every packet they completed, in order.</summary>
    public IReadOnlyList<OsdpSimulatedReply> Receive(ReadOnlySpan<byte> bytes)
    {
        lock (_gate)
            return Answer(_frames.Feed(bytes));
    }

    /// <summary>The line went quiet: a packet still incomplete never will be, so the readers give up on it and look
    /// again behind its start (a real command after a false start is still answered).</summary>
    public IReadOnlyList<OsdpSimulatedReply> LineIdle()
    {
        lock (_gate)
            return Answer(_frames.Expire());
    }

    // The frame reader has already checked each packet; re-encoding it gives back its exact bytes, which the readers'
    // MAC checks need.
    private List<OsdpSimulatedReply> Answer(IReadOnlyList<OsdpReadResult> results)
    {
        var replies = new List<OsdpSimulatedReply>();
        foreach (var frame in results.Select(r => r.Frame).OfType<OsdpFrame>())
        {
            var packet = OsdpFrameCodec.Encode(frame, mark: false);
            foreach (var reader in _readers)
            {
                if (reader.Answer(packet) is { } reply)
                    replies.Add(reply);
            }
        }
        return replies;
    }
}
