using System.Text.Json.Serialization;

namespace Mailroom.Edge.Video.Clips;

/// <summary>
/// How many leading chunks of a clip the broker has acknowledged (PUBACK), at which chunk size. Delivery resumes from
/// here after a reconnect or a restart; a different chunk size (configuration changed) starts over.
/// </summary>
public sealed record DeliveryProgress(
    [property: JsonPropertyName("chunk_size")] int ChunkSize,
    [property: JsonPropertyName("acked_chunks")] int AckedChunks)
{
    public static readonly DeliveryProgress None = new(0, 0);

    /// <summary>The first chunk still to send at <paramref name="chunkSize"/>.</summary>
    public int ResumeAt(int chunkSize) => ChunkSize == chunkSize ? AckedChunks : 0;
}
