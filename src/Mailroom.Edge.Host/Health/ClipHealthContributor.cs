using System.Text.Json;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Video.Retention;

namespace Mailroom.Edge.Host.Health;

/// <summary>
/// Adds <c>clips</c> to <c>{root}/health</c>: how many clips operators hold (<c>held</c>) and their bytes
/// (<c>held_bytes</c>), which retention may not free. A clip folder that cannot be read gives <c>error</c> instead,
/// because health must still go out.
/// </summary>
public sealed class ClipHealthContributor(Func<HeldClips> held) : IHealthContributor
{
    public void WriteHealth(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject("clips");
        try
        {
            var now = held();
            json.WriteNumber("held", now.Count);
            json.WriteNumber("held_bytes", now.Bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            json.WriteString("error", e.Message);
        }
        json.WriteEndObject();
    }
}
