namespace Mailroom.Edge.Video;

/// <summary>
/// One camera as the recorder needs it: its RTSP URL (may hold credentials; see <see cref="UrlRedaction"/>), the
/// doors it covers, how much video before and after a trigger a clip keeps, which event types trigger a clip, and
/// whether its audio track is recorded too (off unless configured: recording conversations is regulated).
/// </summary>
public sealed record CameraSettings(
    string Name,
    string Url,
    IReadOnlyList<string> Doors,
    TimeSpan PreRoll,
    TimeSpan PostRoll,
    IReadOnlyList<string> Triggers,
    bool Audio = false);
