using System.Text;
using System.Text.Json;

namespace Mailroom.Edge.Ctl.Tail;

/// <summary>One MQTT message of the v1 contract as one line for a person: time, device, seq, type, then the other fields.</summary>
public static class EventLine
{
    private static readonly HashSet<string> Envelope = ["id", "seq", "ts", "type", "site", "device"];

    public static string Format(string topic, JsonElement message)
    {
        var text = new StringBuilder();
        var device = topic.Split('/') is { Length: >= 4 } parts ? $"{parts[2]}/{parts[3]}" : topic;
        if (message.TryGetProperty("ts", out var ts))
            text.Append(ts.GetString()).Append(' ');
        text.Append(device);
        if (message.TryGetProperty("seq", out var seq))
            text.Append(" #").Append(seq.GetRawText());
        text.Append(' ').Append(message.TryGetProperty("type", out var type) ? type.GetString() : topic[(topic.LastIndexOf('/') + 1)..]);
        foreach (var property in message.EnumerateObject())
        {
            if (Envelope.Contains(property.Name))
                continue;
            text.Append(' ').Append(property.Name).Append('=');
            text.Append(property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText());
        }
        return text.ToString();
    }
}
