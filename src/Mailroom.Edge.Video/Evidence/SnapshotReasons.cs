using Mailroom.Edge.Video.Clips;

namespace Mailroom.Edge.Video.Evidence;

/// <summary>The reasons of <c>snapshot.missing</c> (docs/mqtt.md).</summary>
public static class SnapshotReasons
{
    /// <summary>No completed segment in the ring covers the decision's time (camera down, just started).</summary>
    public const string NoVideo = ClipCoverage.NoVideo;

    /// <summary>ffmpeg failed to take the frame.</summary>
    public const string Failed = "snapshot_failed";

    /// <summary>ffmpeg wrote nothing, or something that is not a whole JPEG.</summary>
    public const string Unreadable = "unreadable_snapshot";
}
