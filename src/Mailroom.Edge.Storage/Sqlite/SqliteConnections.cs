using Microsoft.Data.Sqlite;

namespace Mailroom.Edge.Storage.Sqlite;

/// <summary>Opens SQLite files the way this agent always uses them: WAL journal, the chosen durability, a busy timeout,
/// and a bound on the WAL file (<see cref="WalLimitBytes"/>).</summary>
public static class SqliteConnections
{
    /// <summary>What a checkpoint leaves of a WAL file, and roughly how far it grows before one (pages of 4 KiB): SQLite's
    /// defaults (1000 pages, no truncation) let each of the agent's files keep about 4 MiB of WAL, enough to fill a small
    /// data partition by themselves (docs/install.md, "Data partition size").</summary>
    public const long WalLimitBytes = 1024 * 1024;

    private const int WalAutoCheckpointPages = (int)(WalLimitBytes / 4096);
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;

    public static SqliteConnection Open(string path, SqliteDurability durability, bool readOnly = false)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!readOnly && directory is not null)
            Directory.CreateDirectory(directory);
        try
        {
            return Open(path, durability, readOnly, exclusive: false);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SqliteIoError or SqliteFull)
        {
            // A full disk: the WAL index (-shm) cannot be allocated, so the file cannot even be read. In exclusive locking
            // mode SQLite keeps the WAL index in heap memory and needs no -shm, so the agent still reads its credentials
            // and starts; the price is that no other process can open the file until the agent restarts.
            return Open(path, durability, readOnly, exclusive: true);
        }
    }

    /// <summary>Whether the connection was opened in the full-disk fallback (exclusive locking, no other connection).</summary>
    public static bool IsExclusive(this SqliteConnection connection) =>
        string.Equals(connection.Scalar<string>("PRAGMA locking_mode;"), "exclusive", StringComparison.OrdinalIgnoreCase);

    private static SqliteConnection Open(string path, SqliteDurability durability, bool readOnly, bool exclusive)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            if (exclusive)
                connection.Execute("PRAGMA locking_mode = EXCLUSIVE;");
            var synchronous = durability == SqliteDurability.Full ? "FULL" : "NORMAL";
            connection.Execute(readOnly
                ? "PRAGMA busy_timeout = 5000;"
                : $"""
                   PRAGMA journal_mode = WAL; PRAGMA synchronous = {synchronous}; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;
                   PRAGMA journal_size_limit = {WalLimitBytes}; PRAGMA wal_autocheckpoint = {WalAutoCheckpointPages};
                   """);
            // The pragmas above need not touch the file; this read does, so a file that cannot be read fails here.
            connection.Execute("SELECT count(*) FROM sqlite_schema;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static int Execute(this SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command.ExecuteNonQuery();
    }

    public static T? Scalar<T>(this SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
