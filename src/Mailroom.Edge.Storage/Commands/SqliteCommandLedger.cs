using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Mailroom.Edge.Storage.Commands;

/// <summary>
/// <see cref="ICommandLedger"/> in its own SQLite file (<c>commands.db</c>, WAL, <c>synchronous=FULL</c>): the check and
/// the record happen in one transaction, and the method returns only after it committed, so the counter is durable
/// before the command acts. Counters only grow, so an old id is refused by its counter even after its row is pruned;
/// the id table is kept for ids reused across issuers and is trimmed to <see cref="KeptIds"/> rows.
/// </summary>
public sealed class SqliteCommandLedger : ICommandLedger, IDisposable
{
    public const int KeptIds = 100_000;
    private readonly CommandDatabase _database;
    private readonly bool _ownsDatabase;
    private long _inserts;

    /// <summary>On its own connection to <paramref name="path"/> (tools and tests; the agent shares one).</summary>
    public SqliteCommandLedger(string path, SqliteDurability durability = SqliteDurability.Full)
        : this(new CommandDatabase(path, durability), ownsDatabase: true)
    {
    }

    /// <summary>On the agent's shared connection to <c>commands.db</c>, which the caller disposes.</summary>
    public SqliteCommandLedger(CommandDatabase database)
        : this(database, ownsDatabase: false)
    {
    }

    private SqliteCommandLedger(CommandDatabase database, bool ownsDatabase)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
    }

    private SqliteConnection Connection => _database.Connection;

    private Lock Gate => _database.Gate;

    public CommandReason? TryConsume(string issuer, long counter, string commandId, DateTimeOffset now, long? receipt = null)
    {
        lock (Gate)
        {
            using var transaction = Connection.BeginTransaction();
            using (var seen = Connection.CreateCommand())
            {
                seen.Transaction = transaction;
                seen.CommandText = "SELECT 1 FROM seen_command WHERE id = $id;";
                seen.Parameters.AddWithValue("$id", commandId);
                if (seen.ExecuteScalar() is not null)
                    return CommandReason.ReplayedId;
            }
            if (LastCounter(issuer, transaction) is { } last && counter <= last)
                return CommandReason.StaleCounter;
            using (var record = Connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = """
                    INSERT INTO issuer_counter (issuer, counter) VALUES ($issuer, $counter)
                    ON CONFLICT (issuer) DO UPDATE SET counter = excluded.counter;
                    INSERT INTO seen_command (id, issuer, counter, seen_at) VALUES ($id, $issuer, $counter, $now);
                    """;
                record.Parameters.AddWithValue("$issuer", issuer);
                record.Parameters.AddWithValue("$counter", counter);
                record.Parameters.AddWithValue("$id", commandId);
                record.Parameters.AddWithValue("$now", WireNames.Timestamp(now));
                record.ExecuteNonQuery();
            }
            if (receipt is { } received)
            {
                using var consumed = Connection.CreateCommand();
                consumed.Transaction = transaction;
                consumed.CommandText = "UPDATE received_command SET consumed = 1 WHERE receipt = $receipt;";
                consumed.Parameters.AddWithValue("$receipt", received);
                consumed.ExecuteNonQuery();
            }
            if (++_inserts % 1000 == 0)
                Trim(transaction);
            transaction.Commit();
            return null;
        }
    }

    /// <summary>The highest counter accepted from <paramref name="issuer"/>, or null if none yet.</summary>
    public long? LastCounter(string issuer)
    {
        lock (Gate)
            return LastCounter(issuer, null);
    }

    private long? LastCounter(string issuer, SqliteTransaction? transaction)
    {
        using var command = Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT counter FROM issuer_counter WHERE issuer = $issuer;";
        command.Parameters.AddWithValue("$issuer", issuer);
        return command.ExecuteScalar() is long value ? value : null;
    }

    private void Trim(SqliteTransaction transaction) =>
        Connection.Execute($"""
            DELETE FROM seen_command WHERE id IN (
                SELECT id FROM seen_command ORDER BY seen_at DESC LIMIT -1 OFFSET {KeptIds});
            """, transaction);

    public void Dispose()
    {
        if (_ownsDatabase)
            _database.Dispose();
    }
}
