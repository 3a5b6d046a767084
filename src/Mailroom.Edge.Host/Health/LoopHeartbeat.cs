namespace Mailroom.Edge.Host.Health;

/// <summary>
/// One loop's liveness. An idle loop (waiting on a channel) is healthy by construction: only the time spent inside
/// one item is judged, from the moment <see cref="Busy"/> is taken to its dispose. A loop that has ended while the
/// agent runs is unhealthy too, since nothing would read its door any more.
/// </summary>
public sealed class LoopHeartbeat
{
    private const long Idle = long.MinValue;

    private readonly TimeProvider _time;
    private long _busySince = Idle;
    private volatile bool _ready;
    private volatile bool _ended;

    internal LoopHeartbeat(string name, TimeSpan busyLimit, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(busyLimit, TimeSpan.Zero);
        Name = name;
        BusyLimit = busyLimit;
        _time = time;
    }

    public string Name { get; }

    /// <summary>How long one item may take before the loop counts as stuck.</summary>
    public TimeSpan BusyLimit { get; }

    public bool IsReady => _ready;

    /// <summary>Called once the loop holds its resources (lines requested, outputs safe) and waits for work.</summary>
    public void MarkReady() => _ready = true;

    /// <summary>Called when the loop leaves, whether stopping or failing; the watchdog stops pinging only while running.</summary>
    public void MarkEnded() => _ended = true;

    /// <summary>Marks the loop busy with one item until the scope is disposed.</summary>
    public LoopBusyScope Busy()
    {
        Interlocked.Exchange(ref _busySince, _time.GetTimestamp());
        return new LoopBusyScope(this);
    }

    internal void Done() => Interlocked.Exchange(ref _busySince, Idle);

    /// <summary>Null while healthy, else what is wrong, for the log and systemd's STATUS line.</summary>
    public string? Problem()
    {
        if (_ended)
            return $"{Name} loop has ended";
        var since = Interlocked.Read(ref _busySince);
        if (since == Idle)
            return null;
        var busyFor = _time.GetElapsedTime(since);
        return busyFor > BusyLimit ? $"{Name} loop stuck on one item for {busyFor.TotalSeconds:0.#} s (limit {BusyLimit.TotalSeconds:0.#} s)" : null;
    }
}
