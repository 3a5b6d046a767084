namespace Mailroom.Edge.Video.Probing;

/// <summary>
/// Asks a camera what it sends: video codec, resolution and frame rate, and its audio track if any. A port so the
/// agent and the <c>camera probe</c> verb do not depend on how it is asked (ffprobe through FFMpegCore today).
/// </summary>
public interface ICameraProbe
{
    /// <summary>Never throws for a camera's fault: a wrong URL, password or a dead camera is a failed result.
    /// The result never holds the URL's credentials.</summary>
    Task<CameraProbeResult> ProbeAsync(string url, CancellationToken cancellationToken);
}
