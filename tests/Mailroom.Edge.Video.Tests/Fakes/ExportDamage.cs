namespace Mailroom.Edge.Video.Tests.Fakes;

/// <summary>How <see cref="CorruptingFfmpeg"/> damages an exported clip.</summary>
public enum ExportDamage
{
    /// <summary>The first 4 KiB zeroed (size kept): no container is left to read.</summary>
    TornHeader,

    /// <summary>Cut to half its size: the index (first, <c>+faststart</c>) is whole, the second half of the video is gone.</summary>
    CutInHalf,

    /// <summary>Re-muxed without its audio stream: whole, readable video that lacks the camera's sound.</summary>
    DropAudio,
}
