using System.Text.Json;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Storage.Credentials;

namespace Mailroom.Edge.Ctl.Push;

/// <summary>
/// mailroomctl's memory of what each device holds (<c>--state DIR</c>): <c>{site}/{device}.json</c>, the last list a
/// device applied (version, count, hash), and <c>lists/{hash}.csv</c>, that list itself, written by the agent's own
/// CSV writer and read back by its own parser. A CSV rather than a SQLite file: it is the file the operator pushes, so
/// it can be read, diffed or imported on a device by hand; one file per list serves every device that holds it (a
/// site of ten devices keeps one copy; a list no device holds any more is deleted); and it ties the state to no
/// schema of the agent's store. It serves
/// <c>--delta</c> (the old list to diff against) and resuming (a device already holding this list is skipped).
/// Every file is written to a temporary name and renamed, so an interrupted push never leaves half a record.
/// </summary>
internal sealed class PushState(string directory)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };
    private readonly Lock _lists = new();

    public string Directory { get; } = directory;

    /// <summary><c>$XDG_STATE_HOME/mailroomctl</c>, or <c>~/.local/state/mailroomctl</c>.</summary>
    public static string DefaultDirectory =>
        Path.Combine(Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state"), "mailroomctl");

    /// <summary>The device's record, or null when this machine never saw it apply a list (or the record is unreadable).</summary>
    public DeviceListRecord? Find(string site, string device)
    {
        var path = RecordPath(site, device);
        return File.Exists(path) ? ReadRecord(path) : null;
    }

    /// <summary>Remembers that <paramref name="device"/> applied <paramref name="list"/> as <paramref name="version"/>, and
    /// deletes the lists no device holds any more (a 2,000,000-row list is 120 MB).</summary>
    public void RecordApplied(string site, string device, long version, PushList list, DateTimeOffset now)
    {
        SaveList(list);
        var record = new DeviceListRecord(version, list.Count, list.Hash, now);
        WriteAtomically(RecordPath(site, device), stream => JsonSerializer.Serialize(stream, record, Json));
        DeleteUnheldLists();
    }

    /// <summary>The list with content hash <paramref name="hash"/> in key order, or null when it is not kept (or no longer
    /// has that hash: a file edited by hand is not trusted).</summary>
    public IReadOnlyList<EnrolledCredential>? LoadList(string hash)
    {
        var path = ListPath(hash);
        if (!File.Exists(path))
            return null;
        try
        {
            var list = PushList.Load(path);
            return list.Hash == hash ? list.Credentials : null;
        }
        catch (CredentialImportException)
        {
            return null;
        }
    }

    private void SaveList(PushList list)
    {
        // Devices of one push finish at once; the first writes the shared file, the others find it.
        lock (_lists)
        {
            if (!File.Exists(ListPath(list.Hash)))
                WriteAtomically(ListPath(list.Hash), stream =>
                {
                    using var writer = new StreamWriter(stream, leaveOpen: true);
                    CredentialCsv.Write(writer, list.Credentials);
                });
        }
    }

    private void DeleteUnheldLists()
    {
        lock (_lists)
        {
            var held = System.IO.Directory.EnumerateFiles(Directory, "*.json", SearchOption.AllDirectories)
                .Select(path => ReadRecord(path)?.Hash)
                .OfType<string>()
                .ToHashSet(StringComparer.Ordinal);
            foreach (var file in System.IO.Directory.EnumerateFiles(Path.Combine(Directory, "lists"), "*.csv"))
            {
                if (!held.Contains(Path.GetFileNameWithoutExtension(file)))
                    File.Delete(file);
            }
        }
    }

    private static DeviceListRecord? ReadRecord(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<DeviceListRecord>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            // A damaged record only costs a full snapshot instead of a delta.
            return null;
        }
    }

    private string RecordPath(string site, string device) => Path.Combine(Directory, site, device + ".json");

    private string ListPath(string hash) => Path.Combine(Directory, "lists", hash + ".csv");

    private static void WriteAtomically(string path, Action<Stream> write)
    {
        // The lists hold holders' names and PIN hashes: readable by the operator only, like the key.
        var folder = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
            System.IO.Directory.CreateDirectory(folder);
        else
            System.IO.Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temporary, create))
        {
            write(stream);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }
}
