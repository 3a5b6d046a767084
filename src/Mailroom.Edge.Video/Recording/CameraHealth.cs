using Mailroom.Edge.Video.Probing;

namespace Mailroom.Edge.Video.Recording;

/// <summary>A camera's recorder health for the health report: its state since when, its last segment, restarts, and the last problem (credentials redacted).</summary>
public sealed record CameraHealth(
    string Camera, CameraState State, DateTimeOffset Since, DateTimeOffset? LastSegmentAt, int Restarts, string? Problem)
{
    /// <summary>What the camera sent when probed at start; null until (or unless) it was probed.</summary>
    public CameraProbeResult? Probe { get; init; }

    /// <summary>Clips since start whose file failed its check (rejected as unreadable, or flagged short or without audio).</summary>
    public int FailedClipChecks { get; init; }
}
