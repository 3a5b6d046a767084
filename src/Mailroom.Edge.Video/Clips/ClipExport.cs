namespace Mailroom.Edge.Video.Clips;

/// <summary>
/// A window cut into a file and checked: the span the ring's segments gave it, the check's decision, and either the
/// committed <see cref="Clip"/> or, when the check rejected the file, where it was kept (<see cref="KeptAs"/>).
/// </summary>
public sealed record ClipExport(string Id, DateTimeOffset Start, DateTimeOffset End, ClipCheckResult Check)
{
    /// <summary>The committed clip; null when the check rejected the file.</summary>
    public ClipRecord? Clip { get; init; }

    /// <summary>A rejected file's path relative to the clip folder (<see cref="ClipStore.Reject"/>).</summary>
    public string? KeptAs { get; init; }

    /// <summary>Older rejected files deleted to keep <see cref="ClipStore.RejectedKept"/>.</summary>
    public IReadOnlyList<string> DroppedRejects { get; init; } = [];
}
