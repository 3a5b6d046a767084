namespace Mailroom.Edge.Video.Clips;

/// <summary>
/// Reads a clip file back after it was cut: its streams and how much of each is readable. A port so the check's rules
/// (<see cref="ClipCheck"/>) do not depend on how the file is read (ffprobe through FFMpegCore today), and so a test
/// can point the check at any file.
/// </summary>
public interface IClipProbe
{
    /// <summary>Never throws for the file's fault or a missing tool: both are a <see cref="ClipMeasurement"/> saying why.</summary>
    Task<ClipMeasurement> MeasureAsync(string path, CancellationToken cancellationToken);
}
