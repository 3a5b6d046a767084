using Mailroom.Edge.Video.Evidence;

namespace Mailroom.Edge.Video;

/// <summary>
/// One camera as the recorder needs it: its RTSP URL (may hold credentials; see <see cref="UrlRedaction"/>), the
/// doors it covers, how much video before and after a trigger a clip keeps, which event types trigger a clip, and
/// whether its audio track is recorded too (off unless configured: recording conversations is regulated), and its
/// <see cref="EvidenceRule"/> (a snapshot of every decision on a listed credential category), if any.
/// </summary>
public sealed record CameraSettings(
    string Name,
    string Url,
    IReadOnlyList<string> Doors,
    TimeSpan PreRoll,
    TimeSpan PostRoll,
    IReadOnlyList<string> Triggers,
    bool Audio = false,
    EvidenceRule? Evidence = null);
