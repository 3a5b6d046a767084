using Mailroom.Edge.Video.Clips;

namespace Mailroom.Edge.Video.Retention;

/// <summary>A clip retention chose to delete, and why (<c>max_age</c>, <c>quota</c>, <c>disk_free</c>).</summary>
public sealed record Eviction(ClipRecord Clip, string Reason);
