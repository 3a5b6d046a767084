using Mailroom.Edge.Video.Clips;

namespace Mailroom.Edge.Testing;

/// <summary>
/// Clips committed to a <see cref="ClipStore"/> as the exporter would, with a one-byte video file: retention, holds and
/// checks read only the metadata, so its <see cref="ClipRecord.SizeBytes"/> may claim any size.
/// </summary>
public static class TestClips
{
    public static ClipRecord Commit(ClipStore store, string id, DateTimeOffset createdAt, long declaredBytes, string camera = "lobby", ClipHold? hold = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var staged = Path.Combine(store.Staging, id + ".mp4");
        File.WriteAllBytes(staged, [0]);
        var record = Record(id, createdAt, declaredBytes, camera) with { Hold = hold };
        store.Commit(record, staged, null);
        return record;
    }

    /// <summary>A clip's metadata, made <paramref name="createdAt"/>, its window a point, its size as told.</summary>
    public static ClipRecord Record(string id, DateTimeOffset createdAt, long sizeBytes, string camera = "lobby") => new()
    {
        Id = id,
        Camera = camera,
        CreatedAt = createdAt,
        Triggers = [],
        RequestedStart = createdAt,
        RequestedEnd = createdAt,
        ActualStart = createdAt,
        ActualEnd = createdAt,
        Duration = TimeSpan.Zero,
        SizeBytes = sizeBytes,
        Sha256 = "",
    };
}
