namespace Mailroom.Edge.Storage.Interop;

/// <summary>
/// Writes a file only its owner can read (mode 0600) the crash-safe way: whole, to a temporary file that is created
/// with that mode before any byte is written, flushed, renamed over the old one, and the folder flushed. For secrets
/// (OSDP keys, the installer's password hash and certificate).
/// </summary>
public static class PrivateFile
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = OwnerOnly;
        using (var stream = new FileStream(temporary, options))
        {
            write(stream);
            stream.Flush(flushToDisk: true);
        }
        // A temporary file left by an earlier crash keeps its old mode: set it again.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temporary, OwnerOnly);
        File.Move(temporary, path, overwrite: true);
        DirectorySync.Flush(directory);
    }
}
