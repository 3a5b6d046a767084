using Mailroom.Edge.Storage.Sqlite;

namespace Mailroom.Edge.Storage.Outbox;

/// <summary>How the outbox is bounded and kept (see docs/configuration.md, <c>Outbox:*</c>).</summary>
public sealed record OutboxSettings
{
    public SqliteDurability Durability { get; init; } = SqliteDurability.Full;

    /// <summary>Most rows kept (pending, delivered and dead together); over it, delivered rows go first, then pending
    /// rows of the lowest priority. Critical rows are never shed, even over the bound.</summary>
    public long MaxRows { get; init; } = 500_000;

    /// <summary>Most payload bytes kept, with the same shedding rule as <see cref="MaxRows"/>.</summary>
    public long MaxBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Delivered (and dead) rows are kept this long so a consumer can ask for them again.</summary>
    public TimeSpan ReplayMaxAge { get; init; } = TimeSpan.FromDays(7);

    /// <summary>…and at most this many payload bytes of them, oldest pruned first.</summary>
    public long ReplayMaxBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>How often the replay window is pruned.</summary>
    public TimeSpan PruneInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>At most one <c>system.outbox_overflow</c> event per interval, summarising what was shed since the last.</summary>
    public TimeSpan OverflowReportInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Appends committed together in one transaction at most.</summary>
    public int MaxBatch { get; init; } = 512;

    /// <summary>Events kept in memory while the disk is full, to be written when space returns.</summary>
    public int MaxHeldInMemory { get; init; } = 10_000;

    /// <summary>Size of the reserve file kept next to the outbox (<c>outbox.db.reserve</c>) and given up so a checkpoint can
    /// run on a full disk; 0 keeps none.</summary>
    public long ReserveBytes { get; init; } = SqliteConnections.WalLimitBytes;

    /// <summary>How often a failing storage is retried.</summary>
    public TimeSpan StorageRetryInterval { get; init; } = TimeSpan.FromSeconds(2);
}
