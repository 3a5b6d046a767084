namespace Mailroom.Edge.Core.Telemetry;

/// <summary>A snapshot of the outbox for the health report: depth, age of the oldest pending row, size, and the storage
/// condition (disk full) with its last error.</summary>
public sealed record OutboxStatus(
    long Pending,
    DateTimeOffset? OldestPendingAt,
    long Rows,
    long Bytes,
    long Shed,
    long DeadLettered,
    bool StorageFailing,
    int HeldInMemory,
    string? LastStorageError);
