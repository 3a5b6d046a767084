using Mailroom.Edge.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Mailroom.Edge.Storage.Commands;

/// <summary>
/// The one connection to <c>commands.db</c> that the <see cref="SqliteCommandLedger"/> and the
/// <see cref="SqliteCommandInbox"/> share, with the lock that serialises them. One connection, not one each: on a full
/// disk the file is opened in exclusive locking mode (<c>SqliteConnections.Open</c>), and a second connection to
/// it would wait for the lock and fail the agent's start. The ledger also marks an inbox row consumed in its own
/// transaction, which one connection makes plain.
/// </summary>
public sealed class CommandDatabase : IDisposable
{
    public CommandDatabase(string path, SqliteDurability durability = SqliteDurability.Full)
    {
        Connection = SqliteConnections.Open(path, durability);
        Connection.Execute(CommandLedgerSchema.Create);
    }

    internal SqliteConnection Connection { get; }

    internal Lock Gate { get; } = new();

    public void Dispose()
    {
        lock (Gate)
            Connection.Dispose();
    }
}
