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

    /// <summary>Why the file is not a readable container (the reader's own words); null when it is.</summary>
    public string? Unreadable { get; init; }

    /// <summary>Why the file could not be checked at all; null when it was read.</summary>
    public string? Unavailable { get; init; }

    public ClipStream? Video => Streams.FirstOrDefault(s => s.Type == "video");

    public ClipStream? Audio => Streams.FirstOrDefault(s => s.Type == "audio");

    public static ClipMeasurement Of(IReadOnlyList<ClipStream> streams) => new() { Streams = streams };

    public static ClipMeasurement NotReadable(string why) => new() { Unreadable = why };

    public static ClipMeasurement NotChecked(string why) => new() { Unavailable = why };
}
