using System.Text.Json;

namespace Mailroom.Edge.Core.Events;

/// <summary>
/// One stream of a checked clip file as ffprobe read it: its type (<c>video</c>, <c>audio</c>), codec, how long its
/// readable packets last (first packet's start to last packet's end) and how many packets could be read. Carried in
/// <c>clip.ready</c> so the central side knows what the file really holds, not what the ring promised.
/// </summary>
public sealed record ClipStream(string Type, string Codec, TimeSpan Duration, int Packets)
{
    public void Write(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteString("type", Type);
        json.WriteString("codec", Codec);
        json.WriteNumber("duration_s", Math.Round(Duration.TotalSeconds, 3));
        json.WriteNumber("packets", Packets);
        json.WriteEndObject();
    }
}
