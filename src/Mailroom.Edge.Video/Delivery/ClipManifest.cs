using System.Text.Json;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Video.Clips;

namespace Mailroom.Edge.Video.Delivery;

/// <summary>
/// The first message of a clip's delivery: what the receiver needs to reassemble and verify it — size, chunk size and
/// count, SHA-256 — plus the evidence fields of <c>clip.ready</c>.
/// </summary>
public static class ClipManifest
{
    public static int ChunkCount(long size, int chunkSize) => (int)((size + chunkSize - 1) / chunkSize);

    public static byte[] Serialize(ClipRecord clip, int chunkSize)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("clip", clip.Id);
            json.WriteString("camera", clip.Camera);
            json.WriteString("content_type", "video/mp4");
            json.WriteNumber("size", clip.SizeBytes);
            json.WriteString("sha256", clip.Sha256);
            json.WriteNumber("chunk_size", chunkSize);
            json.WriteNumber("chunks", ChunkCount(clip.SizeBytes, chunkSize));
            json.WriteBoolean("snapshot", clip.HasSnapshot);
            json.WriteString("start", WireNames.Timestamp(clip.ActualStart));
            json.WriteString("end", WireNames.Timestamp(clip.ActualEnd));
            json.WriteNumber("duration_s", Math.Round(clip.Duration.TotalSeconds, 3));
            json.WriteStartArray("triggers");
            foreach (var id in clip.Triggers)
                json.WriteStringValue(id);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
