namespace Mailroom.Edge.Host.Health;

/// <summary>Ends a <see cref="LoopHeartbeat.Busy"/> period; a struct so marking every frame allocates nothing.</summary>
public readonly struct LoopBusyScope : IDisposable
{
    private readonly LoopHeartbeat? _heartbeat;

    internal LoopBusyScope(LoopHeartbeat heartbeat) => _heartbeat = heartbeat;

    public void Dispose() => _heartbeat?.Done();
}
