using System.Text.Json;

namespace Mailroom.Edge.Video.Clips;

/// <summary>
/// The clip folder: <c>{id}.mp4</c>, <c>{id}.jpg</c>, <c>{id}.json</c> and, while it is being delivered,
/// <c>{id}.progress</c> per clip; an evidence snapshot is a record whose only media is <c>{id}.jpg</c>. Files are written under
/// <c>.staging/</c> and moved in, metadata last, so a listed clip is always complete. A file that failed its check
/// (<see cref="ClipCheck"/>) is kept aside under <c>.rejected/</c> for a person to look at, never listed or delivered.
/// </summary>
public sealed class ClipStore
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>How many rejected files are kept: enough to diagnose a fault, bounded so a broken exporter cannot fill the disk.</summary>
    public const int RejectedKept = 8;

    private const string RejectedFolder = ".rejected";

    /// <summary>Serialises read-modify-write of a clip's metadata (delivery, holds) and retention's check-then-delete.</summary>
    private readonly Lock _metadata = new();

    public ClipStore(string directory)
    {
        Directory = directory;
        Staging = Path.Combine(directory, ".staging");
        Rejected = Path.Combine(directory, RejectedFolder);
        System.IO.Directory.CreateDirectory(Staging);
    }

    public string Directory { get; }

    public string Staging { get; }

    /// <summary>Where files that failed their check are kept (the newest <see cref="RejectedKept"/>).</summary>
    public string Rejected { get; }

    public string VideoPath(string id) => Path.Combine(Directory, id + ".mp4");

    public string SnapshotPath(string id) => Path.Combine(Directory, id + ".jpg");

    /// <summary>The file a record's size, hash and delivery are about: the video, or the JPEG of a snapshot.</summary>
    public string MediaPath(ClipRecord record) => record.IsSnapshot ? SnapshotPath(record.Id) : VideoPath(record.Id);

    private string MetadataPath(string id) => Path.Combine(Directory, id + ".json");

    private string ProgressPath(string id) => Path.Combine(Directory, id + ".progress");

    /// <summary>A clip id that is safe as a file name and a topic level (what <see cref="ClipIds"/> makes).</summary>
    public static bool IsValidId(string id) => ClipIds.IsValid(id);

    /// <summary>One clip's metadata, or null when there is no such clip (or the id could not be one).</summary>
    public ClipRecord? Find(string id)
    {
        // The id may come from a command: never let it name a path outside the folder.
        if (!IsValidId(id))
            return null;
        try
        {
            return JsonSerializer.Deserialize<ClipRecord>(File.ReadAllText(MetadataPath(id)), Json);
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null;
        }
    }

    /// <summary>Moves a staged clip (and snapshot) in and writes its metadata, which makes it visible.</summary>
    public void Commit(ClipRecord record, string stagedVideo, string? stagedSnapshot)
    {
        File.Move(stagedVideo, VideoPath(record.Id), overwrite: true);
        if (stagedSnapshot is not null)
            File.Move(stagedSnapshot, SnapshotPath(record.Id), overwrite: true);
        Write(record);
    }

    /// <summary>Moves a staged evidence snapshot in and writes its metadata (<see cref="ClipRecord.IsSnapshot"/>), which makes it visible.</summary>
    public void CommitSnapshot(ClipRecord record, string stagedSnapshot)
    {
        File.Move(stagedSnapshot, SnapshotPath(record.Id), overwrite: true);
        Write(record);
    }

    /// <summary>
    /// Moves a staged file that failed its check to <see cref="Rejected"/> and deletes the oldest rejected files beyond
    /// <see cref="RejectedKept"/>. Returns the kept file's path relative to the clip folder (what <c>clip.missing</c> names)
    /// and the files deleted to make room.
    /// </summary>
    public (string KeptAs, IReadOnlyList<string> Dropped) Reject(string id, string stagedVideo)
    {
        System.IO.Directory.CreateDirectory(Rejected);
        var name = id + ".mp4";
        File.Move(stagedVideo, Path.Combine(Rejected, name), overwrite: true);
        var dropped = new DirectoryInfo(Rejected).EnumerateFiles("*.mp4")
            .OrderByDescending(f => f.LastWriteTimeUtc).ThenByDescending(f => f.Name, StringComparer.Ordinal)
            .Skip(RejectedKept).ToList();
        foreach (var file in dropped)
            file.Delete();
        return (Path.Combine(RejectedFolder, name), [.. dropped.Select(f => f.Name)]);
    }

    /// <summary>Every committed clip, oldest first. Unreadable metadata is skipped (it is re-listed when fixed).</summary>
    public List<ClipRecord> List() => ListIn(Directory);

    /// <summary>
    /// <see cref="List"/> for a clip folder without opening a store (which creates <c>.staging/</c>): for checks that
    /// must leave the disk as they found it, such as <c>config check</c>.
    /// </summary>
    public static List<ClipRecord> ListIn(string directory)
    {
        var records = new List<ClipRecord>();
        foreach (var file in System.IO.Directory.EnumerateFiles(directory, "*.json"))
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

    /// <summary>Marks a clip delivered; its delivery progress is no longer needed. False when the clip is gone.</summary>
    public bool MarkDelivered(string id)
    {
        lock (_metadata)
        {
            if (Find(id) is not { } record)
                return false;
            Write(record with { Delivered = true });
            File.Delete(ProgressPath(id));
            return true;
        }
    }

    /// <summary>
    /// Holds a clip (<paramref name="hold"/>) or releases it (null) and returns its record as it was before, or null
    /// when there is no such clip. A held clip keeps its first hold (who, when, why): holding it again changes nothing.
    /// </summary>
    public ClipRecord? SetHold(string id, ClipHold? hold)
    {
        lock (_metadata)
        {
            if (Find(id) is not { } record)
                return null;
            if ((record.Hold is null) != (hold is null))
                Write(record with { Hold = hold });
            return record;
        }
    }

    /// <summary>
    /// Deletes a clip for retention unless it is held now: a hold can land between retention's plan and its deletion,
    /// and an accepted hold must never be followed by a deletion. False when the clip is held or already gone.
    /// </summary>
    public bool Evict(string id)
    {
        lock (_metadata)
        {
            if (Find(id) is not { Hold: null })
                return false;
            Delete(id);
            return true;
        }
    }

    /// <summary>How far the broker has acknowledged the clip's chunks (<see cref="DeliveryProgress.None"/> when unknown or unreadable).</summary>
    public DeliveryProgress ReadProgress(string id)
    {
        try
        {
            return JsonSerializer.Deserialize<DeliveryProgress>(File.ReadAllText(ProgressPath(id)), Json) ?? DeliveryProgress.None;
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            // No file yet, or torn by a power cut: sending from the start is always correct, only slower.
            return DeliveryProgress.None;
        }
    }

    /// <summary>Persists delivery progress (temp file and rename, so a crash leaves the old or the new value).</summary>
    public void WriteProgress(string id, DeliveryProgress progress)
    {
        var temp = Path.Combine(Staging, id + ".progress");
        File.WriteAllText(temp, JsonSerializer.Serialize(progress, Json));
        File.Move(temp, ProgressPath(id), overwrite: true);
    }

    /// <summary>Deletes a clip, metadata first so a half-deleted clip is never listed. Private: every deletion goes
    /// through <see cref="Evict"/>, which will not delete a held clip.</summary>
    private void Delete(string id)
    {
        File.Delete(MetadataPath(id));
        File.Delete(ProgressPath(id));
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
