namespace Mailroom.Edge.Host.Health;

/// <summary>
/// The registry of the agent's long-running loops (one per reader, the publisher). The systemd watchdog pings only
/// while every registered loop is healthy, so a door loop stuck inside a frame gets the service restarted and its
/// outputs back to their safe state. Loops register when constructed, so the registry is complete before any starts.
/// </summary>
public sealed class LoopHeartbeats(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly List<LoopHeartbeat> _loops = [];

    public LoopHeartbeat Register(string name, TimeSpan busyLimit)
    {
        var heartbeat = new LoopHeartbeat(name, busyLimit, time);
        lock (_gate)
            _loops.Add(heartbeat);
        return heartbeat;
    }

    public IReadOnlyList<LoopHeartbeat> Loops
    {
        get
        {
            lock (_gate)
                return [.. _loops];
        }
    }

    /// <summary>True when every registered loop holds its resources and waits for work.</summary>
    public bool AllReady => Loops.All(l => l.IsReady);

    /// <summary>The first unhealthy loop's problem, or null when all are healthy.</summary>
    public string? FindProblem() => Loops.Select(l => l.Problem()).FirstOrDefault(p => p is not null);
}
