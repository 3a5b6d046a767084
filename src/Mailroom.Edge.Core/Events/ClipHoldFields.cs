using System.Text.Json;

namespace Mailroom.Edge.Core.Events;

/// <summary>The fields <c>clip.held</c> and <c>clip.released</c> share, spelled once so the two cannot drift apart.</summary>
internal static class ClipHoldFields
{
    public static void Write(Utf8JsonWriter json, string clipId, string camera, string by, string? reason, long sizeBytes)
    {
        json.WriteString("clip", clipId);
        json.WriteString("camera", camera);
        json.WriteString("by", by);
        if (reason is not null)
            json.WriteString("reason", reason);
        json.WriteNumber("size", sizeBytes);
    }
}
