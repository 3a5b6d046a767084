using System.Text.Json;

namespace Mailroom.Edge.Video.Clips;

/// <summary>
/// The clip folder: <c>{id}.mp4</c>, <c>{id}.jpg</c> and <c>{id}.json</c> per clip. Files are written under
/// <c>.staging/</c> and moved in, metadata last, so a listed clip is always complete.
/// </summary>
public sealed class ClipStore
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public ClipStore(string directory)
    {
        Directory = directory;
        Staging = Path.Combine(directory, ".staging");
        System.IO.Directory.CreateDirectory(Staging);
    }

    public string Directory { get; }

    public string Staging { get; }

    public string VideoPath(string id) => Path.Combine(Directory, id + ".mp4");

    public string SnapshotPath(string id) => Path.Combine(Directory, id + ".jpg");

    private string MetadataPath(string id) => Path.Combine(Directory, id + ".json");

    /// <summary>Moves a staged clip (and snapshot) in and writes its metadata, which makes it visible.</summary>
    public void Commit(ClipRecord record, string stagedVideo, string? stagedSnapshot)
    {
        File.Move(stagedVideo, VideoPath(record.Id), overwrite: true);
        if (stagedSnapshot is not null)
            File.Move(stagedSnapshot, SnapshotPath(record.Id), overwrite: true);
        Write(record);
    }

    /// <summary>Every committed clip, oldest first. Unreadable metadata is skipped (it is re-listed when fixed).</summary>
    public List<ClipRecord> List()
    {
        var records = new List<ClipRecord>();
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*.json"))
        {
            try
            {
                if (JsonSerializer.Deserialize<ClipRecord>(File.ReadAllText(file), Json) is { } record)
                    records.Add(record);
            }
            catch (Exception e) when (e is JsonException or IOException)
            {
                // A torn write from a power cut; the clip stays on disk for a person to look at.
            }
        }
        return [.. records.OrderBy(r => r.CreatedAt)];
    }

    public void MarkDelivered(string id)
    {
        if (JsonSerializer.Deserialize<ClipRecord>(File.ReadAllText(MetadataPath(id)), Json) is { } record)
            Write(record with { Delivered = true });
    }

    /// <summary>Deletes a clip, metadata first so a half-deleted clip is never listed.</summary>
    public void Delete(string id)
    {
        File.Delete(MetadataPath(id));
        File.Delete(SnapshotPath(id));
        File.Delete(VideoPath(id));
    }

    /// <summary>Free bytes on the clip folder's file system.</summary>
    public long FreeBytes() => new DriveInfo(Path.GetFullPath(Directory)).AvailableFreeSpace;

    private void Write(ClipRecord record)
    {
        var temp = Path.Combine(Staging, record.Id + ".json");
        File.WriteAllText(temp, JsonSerializer.Serialize(record, Json));
        File.Move(temp, MetadataPath(record.Id), overwrite: true);
    }
}
