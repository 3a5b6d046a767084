using Mailroom.Edge.Storage.Sqlite;

namespace Mailroom.Edge.Host.Configuration;

/// <summary>The event outbox.</summary>
public sealed class OutboxOptions
{
    /// <summary><c>Full</c>: an acknowledged event survives a power cut. <c>Normal</c>: faster, may lose the last
    /// events on power loss.</summary>
    public SqliteDurability Durability { get; set; } = SqliteDurability.Full;
}
