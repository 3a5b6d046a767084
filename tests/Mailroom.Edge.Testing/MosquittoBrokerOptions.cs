namespace Mailroom.Edge.Testing;

/// <summary>How a test broker is configured beyond the defaults.</summary>
public sealed record MosquittoBrokerOptions
{
    /// <summary>Keep sessions and queued messages across a <see cref="MosquittoBroker.StopAsync"/> / restart, in the
    /// broker's temp folder.</summary>
    public bool Persistence { get; init; }

    /// <summary>Extra lines for the listener (e.g. <c>cafile</c>, <c>certfile</c>, <c>require_certificate</c>).</summary>
    public string ListenerConfig { get; init; } = "";

    /// <summary>Replaces the default anonymous plain listener with a block of the test's own (TLS, ACL…), given the
    /// port; it must listen on 127.0.0.1 at that port.</summary>
    public Func<int, string>? Listener { get; init; }
}
