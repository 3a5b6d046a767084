namespace Mailroom.Edge.Video.Evidence;

/// <summary>An access decision an evidence rule wants photographed: its event id (the link), its time and its door.</summary>
public readonly record struct SnapshotRequest(Guid EventId, DateTimeOffset At, string? Door);
