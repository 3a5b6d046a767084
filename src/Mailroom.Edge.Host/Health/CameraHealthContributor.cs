using System.Text.Json;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Video.Probing;
using Mailroom.Edge.Video.Recording;

namespace Mailroom.Edge.Host.Health;

/// <summary>Adds <c>cameras</c> to <c>{root}/health</c>: each recorder's state, since when, its last completed segment,
/// restarts, clips whose file failed its check, and the last problem (with any credentials in URLs already redacted by the recorder), and what the camera
/// sent when probed at start: <c>probe</c> (video and audio) or <c>probe_error</c>, absent while the probe runs.</summary>
public sealed class CameraHealthContributor(Func<IReadOnlyList<CameraHealth>> cameras) : IHealthContributor
{
    public void WriteHealth(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject("cameras");
        foreach (var camera in cameras())
        {
            json.WriteStartObject(camera.Camera);
            json.WriteString("state", WireNames.SnakeCase(camera.State.ToString()));
            json.WriteString("since", WireNames.Timestamp(camera.Since));
            if (camera.LastSegmentAt is { } last)
                json.WriteString("last_segment_at", WireNames.Timestamp(last));
            json.WriteNumber("restarts", camera.Restarts);
            json.WriteNumber("failed_clip_checks", camera.FailedClipChecks);
            if (camera.Problem is { } problem)
                json.WriteString("problem", problem);
            WriteProbe(json, camera.Probe);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void WriteProbe(Utf8JsonWriter json, CameraProbeResult? probe)
    {
        if (probe is null)
            return;
        if (!probe.Succeeded)
        {
            json.WriteString("probe_error", probe.FailureReason);
            return;
        }
        json.WriteStartObject("probe");
        json.WriteString("video", probe.VideoSummary);
        json.WriteString("audio", probe.AudioSummary);
        json.WriteEndObject();
    }
}
