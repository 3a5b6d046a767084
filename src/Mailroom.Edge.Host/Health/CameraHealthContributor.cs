using System.Text.Json;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Video.Recording;

namespace Mailroom.Edge.Host.Health;

/// <summary>Adds <c>cameras</c> to <c>{root}/health</c>: each recorder's state, since when, its last completed segment,
/// restarts and the last problem (with any credentials in URLs already redacted by the recorder).</summary>
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
            if (camera.Problem is { } problem)
                json.WriteString("problem", problem);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }
}
