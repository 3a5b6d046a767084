using Microsoft.Data.Sqlite;

namespace Mailroom.Edge.Testing;

/// <summary>A test's own look into a SQLite file the code under test keeps open (WAL lets it read alongside).</summary>
public static class SqliteFile
{
    /// <summary>A connection of the test's own, not pooled, so the file is closed when it is disposed.</summary>
    public static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection;
    }

    /// <summary>Runs <c>PRAGMA integrity_check</c>; "ok" when the file is sound.</summary>
    public static string IntegrityCheck(string path)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string)command.ExecuteScalar()!;
    }
}
