using Mailroom.Edge.Video.Clips;

namespace Mailroom.Edge.Video.Retention;

/// <summary>A hold's or release's <see cref="Change"/> and the clip as it is now (null for <see cref="ClipHoldChange.UnknownClip"/>).</summary>
public sealed record ClipHoldResult(ClipHoldChange Change, ClipRecord? Clip);
