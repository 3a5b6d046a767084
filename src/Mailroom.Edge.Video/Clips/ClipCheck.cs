using System.Globalization;

namespace Mailroom.Edge.Video.Clips;

/// <summary>
/// Judges a cut clip file against what its <c>clip.ready</c> would claim (docs/video.md, "Checking a clip"): it must be
/// a readable container with video packets, it must carry audio when the camera sends audio and is configured to record
/// it, and it must last the span it claims (start to end from the ring's segments) less at most <see cref="Tolerance"/>.
/// Longer than the span is fine. A missing stream is named before a short span, because it is the cause of one when the
/// missing stream was what reached furthest. Pure: the reading is <see cref="IClipProbe"/>'s job.
/// </summary>
public static class ClipCheck
{
    /// <summary>The file is not readable video (torn index, garbage, no video packets).</summary>
    public const string Unreadable = "unreadable_clip";

    /// <summary>The file's video is shorter than the span the clip claims.</summary>
    public const string Short = "short_clip";

    /// <summary>The camera sends audio and records it, but the file has none.</summary>
    public const string NoAudio = "no_audio";

    /// <summary>
    /// How much shorter than its span a clip's video may be. A file and its segment list agree to a frame or two
    /// (40 ms at 25 fps); a lost segment is at least one GOP, which docs/video.md asks to be 1–2 s, so half a second
    /// passes rounding and catches any lost segment.
    /// </summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(0.5);

    public static ClipCheckResult Judge(ClipMeasurement measured, TimeSpan claimed, bool audioExpected)
    {
        ArgumentNullException.ThrowIfNull(measured);
        if (measured.Unavailable is { } unavailable)
            return new ClipCheckResult(ClipCheckOutcome.Unchecked, Detail: unavailable);
        if (measured.Unreadable is { } unreadable)
            return new ClipCheckResult(ClipCheckOutcome.Rejected, Unreadable, unreadable);
        if (measured.Video is not { Packets: > 0 } video)
            return new ClipCheckResult(ClipCheckOutcome.Rejected, Unreadable, "the file has no readable video");
        if (audioExpected && measured.Audio is not { Packets: > 0 })
            return new ClipCheckResult(ClipCheckOutcome.Flagged, NoAudio, "the camera sends audio and records it, but the file has no audio");
        if (measured.Duration < claimed - Tolerance)
            return new ClipCheckResult(ClipCheckOutcome.Flagged, Short, string.Create(CultureInfo.InvariantCulture,
                $"the file covers {measured.Duration.TotalSeconds:0.000} s ({video.Duration.TotalSeconds:0.000} s of video), its span is {claimed.TotalSeconds:0.000} s"));
        return ClipCheckResult.Passed;
    }
}
