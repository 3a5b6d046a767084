using System.Text.Json;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Video.Clips;

namespace Mailroom.Edge.Video.Delivery;

/// <summary>
/// The first message of each delivery pass of a clip: what the receiver needs to reassemble and verify it — size, chunk
/// size and count, SHA-256, and the offset this pass starts at — plus the evidence fields of <c>clip.ready</c>. An
/// evidence snapshot's manifest has <c>content_type</c> <c>image/jpeg</c>, a zero duration and its door.
/// </summary>
public static class ClipManifest
{
    public static int ChunkCount(long size, int chunkSize) => (int)((size + chunkSize - 1) / chunkSize);

    /// <summary>The manifest of one delivery pass; <paramref name="offset"/> is where this pass's chunks start (0, or where it resumes).</summary>
    public static byte[] Serialize(ClipRecord clip, int chunkSize, long offset = 0)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("clip", clip.Id);
            json.WriteString("camera", clip.Camera);
            json.WriteString("content_type", clip.ContentType);
            json.WriteNumber("size", clip.SizeBytes);
            json.WriteString("sha256", clip.Sha256);
            json.WriteNumber("chunk_size", chunkSize);
            json.WriteNumber("chunks", ChunkCount(clip.SizeBytes, chunkSize));
            json.WriteNumber("offset", offset);
            json.WriteBoolean("snapshot", clip.HasSnapshot);
            json.WriteString("start", WireNames.Timestamp(clip.ActualStart));
            json.WriteString("end", WireNames.Timestamp(clip.ActualEnd));
            json.WriteNumber("duration_s", Math.Round(clip.Duration.TotalSeconds, 3));
            json.WriteStartArray("triggers");
            foreach (var id in clip.Triggers)
                json.WriteStringValue(id);
            json.WriteEndArray();
            if (clip.Door is not null)
                json.WriteString("door", clip.Door);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
