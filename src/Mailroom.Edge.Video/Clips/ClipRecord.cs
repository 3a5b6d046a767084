using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Video.Clips;

/// <summary>An exported clip's metadata, kept next to it as <c>{Id}.json</c>: the evidence trail and the retention facts.</summary>
public sealed record ClipRecord
{
    public required string Id { get; init; }

    public required string Camera { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required IReadOnlyList<Guid> Triggers { get; init; }

    public required DateTimeOffset RequestedStart { get; init; }

    public required DateTimeOffset RequestedEnd { get; init; }

    /// <summary>Where the video really starts: the keyframe at or before the requested start (later only after an outage).</summary>
    public required DateTimeOffset ActualStart { get; init; }

    public required DateTimeOffset ActualEnd { get; init; }

    /// <summary>The span the file covers as read back when <see cref="Checked"/> (<see cref="ClipMeasurement.Duration"/>); else the ring's segments' sum.</summary>
    public required TimeSpan Duration { get; init; }

    public required long SizeBytes { get; init; }

    public required string Sha256 { get; init; }

    public bool HasSnapshot { get; init; }

    public bool IsAlarm { get; init; }

    /// <summary>Whether the file was read back and judged (<see cref="ClipCheck"/>); false when ffprobe could not run.</summary>
    public bool Checked { get; init; }

    /// <summary>The file's streams as read back; empty when not <see cref="Checked"/>.</summary>
    public IReadOnlyList<ClipStream> Streams { get; init; } = [];

    /// <summary>What the check flagged (<see cref="ClipCheck.Short"/>, <see cref="ClipCheck.NoAudio"/>); null when it passed.</summary>
    public string? Problem { get; init; }

    /// <summary>The central server has confirmed it holds the clip (set by delivery; until then retention protects it more).</summary>
    public bool Delivered { get; init; }

    /// <summary>Set while an operator holds the clip for an incident: retention never evicts it (null: not held).</summary>
    public ClipHold? Hold { get; init; }
}
