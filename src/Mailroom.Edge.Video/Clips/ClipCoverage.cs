namespace Mailroom.Edge.Video.Clips;

/// <summary>
/// Whether a clip covers the window asked for. Segments start on keyframes and the stream clock errs towards later,
/// so a clip from a healthy ring starts at or before the window and ends at or after it; anything less means the ring
/// lacked video (camera down, just started, ring emptied).
/// </summary>
public static class ClipCoverage
{
    public const string NoVideo = "no_video";
    public const string PartialVideo = "partial_video";

    /// <summary>Null when <paramref name="clip"/> covers the whole window; else the <c>clip.missing</c> reason.</summary>
    public static string? Gap(ClipWindow window, ClipRecord? clip) =>
        clip is null ? NoVideo
        : clip.ActualStart > window.Start || clip.ActualEnd < window.End ? PartialVideo
        : null;
}
