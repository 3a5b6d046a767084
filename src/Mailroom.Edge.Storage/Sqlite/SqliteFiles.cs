namespace Mailroom.Edge.Storage.Sqlite;

/// <summary>
/// A SQLite database on disk is its file plus the companions SQLite names after it (rollback journal, WAL, WAL index;
/// https://www.sqlite.org/tempfiles.html). Removing a database means removing all of them.
/// </summary>
public static class SqliteFiles
{
    private static readonly string[] CompanionSuffixes = ["-journal", "-wal", "-shm"];

    /// <summary>Deletes the database file and its companions (those that exist).</summary>
    public static void Delete(string database)
    {
        File.Delete(database);
        foreach (var suffix in CompanionSuffixes)
            File.Delete(database + suffix);
    }

    /// <summary>The database a file belongs to: itself, or the database whose companion it is.</summary>
    public static string DatabaseOf(string file)
    {
        foreach (var suffix in CompanionSuffixes)
        {
            if (file.EndsWith(suffix, StringComparison.Ordinal))
                return file[..^suffix.Length];
        }
        return file;
    }
}
