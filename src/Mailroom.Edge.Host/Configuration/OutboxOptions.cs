using Mailroom.Edge.Storage.Sqlite;

namespace Mailroom.Edge.Host.Configuration;

/// <summary>The event outbox: durability, bounds and the replay window.</summary>
public sealed class OutboxOptions
{
    /// <summary><c>Full</c>: an acknowledged event survives a power cut. <c>Normal</c>: faster, may lose the last
    /// events on power loss.</summary>
    public SqliteDurability Durability { get; set; } = SqliteDurability.Full;

    /// <summary>Most rows kept; beyond it delivered rows go first, then the lowest-priority pending rows.</summary>
    public long MaxRows { get; set; } = 500_000;

    /// <summary>Most payload bytes kept, same rule.</summary>
    public long MaxBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>How long delivered rows are kept for replay.</summary>
    public TimeSpan ReplayMaxAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Most payload bytes of delivered rows kept for replay.</summary>
    public long ReplayMaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>At most one overflow event per interval.</summary>
    public TimeSpan OverflowReportInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Events kept in memory while the disk is full.</summary>
    public int MaxHeldInMemory { get; set; } = 10_000;
}
