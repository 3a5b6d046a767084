namespace Mailroom.Edge.Video.Retention;

/// <summary>What to delete, and how many bytes are still over the limits after that (protected clips only: undelivered alarm clips and held clips).</summary>
public sealed record RetentionPlan(IReadOnlyList<Eviction> Evictions, long ShortfallBytes);
