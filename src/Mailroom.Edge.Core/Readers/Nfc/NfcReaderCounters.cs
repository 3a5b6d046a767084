namespace Mailroom.Edge.Core.Readers.Nfc;

/// <summary>One NFC reader's traffic as health reports it. Written by the reader's loop, read by health: thread-safe.</summary>
public sealed class NfcReaderCounters
{
    private readonly Lock _gate = new();
    private long _polls;
    private long _cards;
    private long _chipErrors;
    private long _opens;
    private string? _identity;
    private string? _lastProblem;
    private DateTimeOffset? _lastCard;
    private bool _online;

    internal void Polled() => Interlocked.Increment(ref _polls);

    internal void CardPresented(DateTimeOffset at)
    {
        Interlocked.Increment(ref _cards);
        lock (_gate)
            _lastCard = at;
    }

    internal void Opened(string identity)
    {
        Interlocked.Increment(ref _opens);
        lock (_gate)
            _identity = identity;
    }

    internal void Failed(string problem)
    {
        Interlocked.Increment(ref _chipErrors);
        lock (_gate)
            _lastProblem = problem;
    }

    internal void SetOnline(bool online)
    {
        lock (_gate)
            _online = online;
    }

    public NfcReaderCountersSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new NfcReaderCountersSnapshot(_online, _identity, Interlocked.Read(ref _polls), Interlocked.Read(ref _cards),
                Interlocked.Read(ref _chipErrors), Interlocked.Read(ref _opens), _lastCard, _lastProblem);
        }
    }
}

/// <summary>A reader's counters at one moment. <see cref="LastProblem"/> never holds a UID.</summary>
public sealed record NfcReaderCountersSnapshot(
    bool Online, string? Identity, long Polls, long Cards, long ChipErrors, long Opens, DateTimeOffset? LastCard, string? LastProblem);
