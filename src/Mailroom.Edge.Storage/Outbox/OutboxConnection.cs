using Mailroom.Edge.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Mailroom.Edge.Storage.Outbox;

/// <summary>
/// The outbox's one connection and the one lock every statement on it runs under. One connection, not a reader and a
/// writer: on a full disk the file may be open in exclusive locking mode, where a second connection would wait and fail
/// (issue 16); and one lock keeps a reader from slipping between the writer's marks and their commit.
/// </summary>
internal sealed class OutboxConnection : IDisposable
{
    private readonly SqliteDurability _durability;
    private SqliteDurability _synchronous = SqliteDurability.Full;

    public OutboxConnection(string path, SqliteDurability durability)
    {
        _durability = durability;
        Connection = SqliteConnections.Open(path, durability);
        Connection.Execute(OutboxSchema.Create);
        if (Connection.Scalar<long>("SELECT count(*) FROM pragma_table_info('outbox') WHERE name = 'dead_at'") == 0)
            Connection.Execute(OutboxSchema.Upgrade);
        Connection.Execute(OutboxSchema.Indexes);
    }

    public SqliteConnection Connection { get; }

    /// <summary>Held around every statement on <see cref="Connection"/>.</summary>
    public Lock Gate { get; } = new();

    public SqliteCommand Command(SqliteTransaction? transaction, string sql)
    {
        var command = Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>Commits that need no fsync of their own (marks, a batch without appends) run with NORMAL; the rest with the
    /// configured durability. Called under the gate.</summary>
    public void SetSynchronous(SqliteDurability durability)
    {
        // In WAL mode a NORMAL commit skips the fsync; the next FULL commit's fsync covers its frames too.
        if (_durability == SqliteDurability.Normal || _synchronous == durability)
            return;
        Connection.Execute(durability == SqliteDurability.Full ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;");
        _synchronous = durability;
    }

    /// <summary>Back to the configured durability after a commit that needed less. Called under the gate.</summary>
    public void RestoreSynchronous() => SetSynchronous(_durability);

    public void Dispose() => Connection.Dispose();
}
