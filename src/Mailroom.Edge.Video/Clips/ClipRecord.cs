using System.Text.Json.Serialization;
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

    /// <summary>
    /// What the record's media is: <see cref="VideoContentType"/> for a clip (<c>{Id}.mp4</c>, maybe with a still), or
    /// <see cref="SnapshotContentType"/> for an evidence snapshot, whose only file is <c>{Id}.jpg</c>
    /// (<see cref="ClipStore.MediaPath"/>). Size, hash, retention and delivery are the media's either way.
    /// </summary>
    public string ContentType { get; init; } = VideoContentType;

    /// <summary>The door of the event a snapshot was taken for (null for clips, which list theirs in <c>clip.missing</c>).</summary>
    public string? Door { get; init; }

    public const string VideoContentType = "video/mp4";

    public const string SnapshotContentType = "image/jpeg";

    [JsonIgnore]
    public bool IsSnapshot => ContentType == SnapshotContentType;

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
