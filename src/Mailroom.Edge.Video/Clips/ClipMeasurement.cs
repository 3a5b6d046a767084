using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Video.Clips;

/// <summary>
/// What reading a clip file found (<see cref="IClipProbe"/>): its streams, or why it is not a readable container at all
/// (<see cref="Unreadable"/>: the file's fault), or why it could not be read (<see cref="Unavailable"/>: the tool's fault,
/// e.g. ffprobe missing — the file may be fine).
/// </summary>
public sealed record ClipMeasurement
{
    public IReadOnlyList<ClipStream> Streams { get; init; } = [];

    /// <summary>
    /// The span the file covers: from the first readable packet of any stream to the end of the last. Measured across
    /// streams because the ring's segment list measures its segments that way, so the two compare like for like: audio
    /// packets may start or end a little apart from the video, and that is in both figures.
    /// </summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Why the file is not a readable container (the reader's own words); null when it is.</summary>
    public string? Unreadable { get; init; }

    /// <summary>Why the file could not be checked at all; null when it was read.</summary>
    public string? Unavailable { get; init; }

    public ClipStream? Video => Streams.FirstOrDefault(s => s.Type == "video");

    public ClipStream? Audio => Streams.FirstOrDefault(s => s.Type == "audio");

    public static ClipMeasurement Of(IReadOnlyList<ClipStream> streams, TimeSpan duration) => new() { Streams = streams, Duration = duration };

    public static ClipMeasurement NotReadable(string why) => new() { Unreadable = why };

    public static ClipMeasurement NotChecked(string why) => new() { Unavailable = why };
}
