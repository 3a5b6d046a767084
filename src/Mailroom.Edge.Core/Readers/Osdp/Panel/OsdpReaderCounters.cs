namespace Mailroom.Edge.Core.Readers.Osdp.Panel;

/// <summary>One reader's traffic as health reports it. Written by its bus's poll loop, read by health: thread-safe.</summary>
public sealed class OsdpReaderCounters
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<byte, long> _naks = [];
    private long _polls;
    private long _timeouts;
    private long _badPackets;
    private long _macErrors;
    private long _plaintextRefused;
    private long _sequenceErrors;
    private long _handshakes;
    private DateTimeOffset? _lastSeen;
    private string? _lastProblem;

    public void Polled() => Add(ref _polls);

    public void TimedOut() => Add(ref _timeouts);

    public void BadPacket() => Add(ref _badPackets);

    public void MacError() => Add(ref _macErrors);

    public void PlaintextRefused() => Add(ref _plaintextRefused);

    public void SequenceError() => Add(ref _sequenceErrors);

    public void Handshake() => Add(ref _handshakes);

    public void Nak(byte code)
    {
        lock (_gate)
            _naks[code] = _naks.GetValueOrDefault(code) + 1;
    }

    /// <summary>What last went wrong with the reader's replies or its session (never key material or card data).</summary>
    public void Problem(string problem)
    {
        lock (_gate)
            _lastProblem = problem;
    }

    public void Seen(DateTimeOffset at)
    {
        lock (_gate)
            _lastSeen = at;
    }

    public OsdpReaderCountersSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new OsdpReaderCountersSnapshot(_polls, _timeouts, _badPackets, _macErrors, _plaintextRefused, _sequenceErrors,
                _handshakes, new SortedDictionary<byte, long>(_naks), _lastSeen, _lastProblem);
        }
    }

    private void Add(ref long counter)
    {
        lock (_gate)
            counter++;
    }
}

/// <summary>A reader's counters at one moment. <see cref="Naks"/> counts refusals by their error code.</summary>
public sealed record OsdpReaderCountersSnapshot(
    long Polls,
    long Timeouts,
    long BadPackets,
    long MacErrors,
    long PlaintextRefused,
    long SequenceErrors,
    long Handshakes,
    IReadOnlyDictionary<byte, long> Naks,
    DateTimeOffset? LastSeen,
    string? LastProblem);
