using Microsoft.Data.Sqlite;

namespace Mailroom.Edge.Storage.Sqlite;

/// <summary>Opens SQLite files the way this agent always uses them: WAL journal, the chosen durability, a busy timeout.</summary>
public static class SqliteConnections
{
    public static SqliteConnection Open(string path, SqliteDurability durability, bool readOnly = false)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!readOnly && directory is not null)
            Directory.CreateDirectory(directory);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        var synchronous = durability == SqliteDurability.Full ? "FULL" : "NORMAL";
        connection.Execute(readOnly
            ? "PRAGMA busy_timeout = 5000;"
            : $"PRAGMA journal_mode = WAL; PRAGMA synchronous = {synchronous}; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;");
        return connection;
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
