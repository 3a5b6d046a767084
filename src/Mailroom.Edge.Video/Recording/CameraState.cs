namespace Mailroom.Edge.Video.Recording;

/// <summary>Where a camera's recorder is: starting (no segment yet), up (segments arriving), or down (waiting to restart).</summary>
public enum CameraState
{
    Starting,
    Up,
    Down,
}
