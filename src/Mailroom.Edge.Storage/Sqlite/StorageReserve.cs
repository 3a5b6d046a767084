namespace Mailroom.Edge.Storage.Sqlite;

/// <summary>
/// A file of zeros kept next to a database so that, when the disk is full, deleting it gives a checkpoint the room it
/// needs: a checkpoint copies WAL pages into the database (which may have to grow) before it can shrink the WAL, so on
/// a disk the WAL itself filled, nothing could ever be written again without it.
/// </summary>
public sealed class StorageReserve(string path, long bytes)
{
    public string Path { get; } = path;

    /// <summary>Whether the reserve is in place (at its full size).</summary>
    public bool Present => File.Exists(Path) && new FileInfo(Path).Length >= bytes;

    /// <summary>Writes the reserve if it is missing; false (and nothing left behind) when the disk has no room for it.</summary>
    public bool Restore()
    {
        if (bytes <= 0 || Present)
            return true;
        try
        {
            // Written, not just sized: a sparse file would free nothing when deleted.
            using var file = new FileStream(Path, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough);
            var zeros = new byte[64 * 1024];
            for (long written = 0; written < bytes; written += zeros.Length)
                file.Write(zeros, 0, (int)Math.Min(zeros.Length, bytes - written));
            file.Flush(flushToDisk: true);
            return true;
        }
        catch (IOException)
        {
            Release();
            return false;
        }
    }

    /// <summary>Deletes the reserve; true when there was one to give back.</summary>
    public bool Release()
    {
        if (!File.Exists(Path))
            return false;
        File.Delete(Path);
        return true;
    }
}
