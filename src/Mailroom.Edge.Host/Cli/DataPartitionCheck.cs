using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Storage.Sqlite;

namespace Mailroom.Edge.Host.Cli;

/// <summary>
/// <c>config check</c>'s warning when the data partition is smaller than what the outbox may keep: a full partition no
/// longer stops the doors, but events then wait in memory, so the bounds should fit the partition (docs/install.md,
/// "Data partition size").
/// </summary>
internal static class DataPartitionCheck
{
    /// <summary>What a row costs besides its payload (id, topic, type, timestamps, index entries); an estimate.</summary>
    private const long RowOverheadBytes = 200;

    /// <summary>The write-ahead logs of the agent's four files and the outbox's reserve, each bounded to this size.</summary>
    private const long OwnFilesBytes = 5 * SqliteConnections.WalLimitBytes;

    public static void Warn(EdgeOptions options, TextWriter output)
    {
        var directory = NearestExisting(Path.GetFullPath(options.DataDirectory));
        if (directory is null)
            return;
        long partition;
        try
        {
            partition = new DriveInfo(directory).TotalSize;
        }
        catch (IOException)
        {
            return;
        }
        // SQLite's pages are rarely full, so the outbox's file is about twice what its bounds count.
        var needed = 2 * (options.Outbox.MaxBytes + options.Outbox.MaxRows * RowOverheadBytes) + OwnFilesBytes;
        if (partition < needed)
            output.WriteLine($"warning: DataDirectory {options.DataDirectory} is on a partition of {Mib(partition)} MiB; Outbox:MaxBytes ({Mib(options.Outbox.MaxBytes)} MiB) and Outbox:MaxRows ({options.Outbox.MaxRows}) allow about {Mib(needed)} MiB on disk, so it can fill before the outbox sheds (then events wait in memory): lower them or enlarge the partition (docs/install.md, Data partition size)");
    }

    // The directory may not exist yet (the check creates nothing): its partition is the one its nearest ancestor is on.
    private static string? NearestExisting(string directory)
    {
        for (var current = directory; current is not null; current = Path.GetDirectoryName(current))
        {
            if (Directory.Exists(current))
                return current;
        }
        return null;
    }

    private static long Mib(long bytes) => bytes / (1024 * 1024);
}
