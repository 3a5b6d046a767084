using System.Security.Cryptography;
using System.Text;
using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Mailroom.Edge.Storage.Commands;

/// <summary>
/// Every command message as it was received, in <c>commands.db</c> (WAL, <c>synchronous=FULL</c>), written before the
/// transport acknowledges the message and marked answered once its result is in the outbox: the broker forgets a QoS 1
/// message at its PUBACK, so this is the only copy of a command received but not yet answered when the agent died.
/// </summary>
/// <remarks>
/// A message whose bytes match one received by an earlier run of the agent is not recorded again: the broker sends a
/// message again after a restart when the PUBACK did not leave before the kill, and the first copy is answered from here.
/// </remarks>
public sealed class SqliteCommandInbox : IDisposable
{
    /// <summary>Answered rows kept (newest first): enough to recognise the broker's copies after a restart.</summary>
    public const int KeptRows = 10_000;
    private readonly CommandDatabase _database;
    private readonly bool _ownsDatabase;
    private readonly string _run = Guid.NewGuid().ToString("N");
    private long _inserts;

    /// <summary>On its own connection to <paramref name="path"/> (tools and tests; the agent shares one).</summary>
    public SqliteCommandInbox(string path, SqliteDurability durability = SqliteDurability.Full)
        : this(new CommandDatabase(path, durability), ownsDatabase: true)
    {
    }

    /// <summary>On the agent's shared connection to <c>commands.db</c>, which the caller disposes.</summary>
    public SqliteCommandInbox(CommandDatabase database)
        : this(database, ownsDatabase: false)
    {
    }

    private SqliteCommandInbox(CommandDatabase database, bool ownsDatabase)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
    }

    private SqliteConnection Connection => _database.Connection;

    private Lock Gate => _database.Gate;

    /// <summary>Records a message durably and returns its receipt, or null when it is the broker's copy of a message an
    /// earlier run already recorded.</summary>
    public long? Record(string topic, byte[] payload, bool retained, string? responseTopic, byte[]? correlation, DateTimeOffset now)
    {
        var digest = Digest(topic, payload);
        lock (Gate)
        {
            using var transaction = Connection.BeginTransaction();
            using (var earlier = Connection.CreateCommand())
            {
                earlier.Transaction = transaction;
                earlier.CommandText = "SELECT 1 FROM received_command WHERE digest = $digest AND run <> $run LIMIT 1;";
                earlier.Parameters.AddWithValue("$digest", digest);
                earlier.Parameters.AddWithValue("$run", _run);
                if (earlier.ExecuteScalar() is not null)
                    return null;
            }
            using var insert = Connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO received_command (digest, run, topic, payload, retained, response_topic, correlation, received_at)
                VALUES ($digest, $run, $topic, $payload, $retained, $responseTopic, $correlation, $now) RETURNING receipt;
                """;
            insert.Parameters.AddWithValue("$digest", digest);
            insert.Parameters.AddWithValue("$run", _run);
            insert.Parameters.AddWithValue("$topic", topic);
            insert.Parameters.AddWithValue("$payload", payload);
            insert.Parameters.AddWithValue("$retained", retained ? 1 : 0);
            insert.Parameters.AddWithValue("$responseTopic", (object?)responseTopic ?? DBNull.Value);
            insert.Parameters.AddWithValue("$correlation", (object?)correlation ?? DBNull.Value);
            insert.Parameters.AddWithValue("$now", WireNames.Timestamp(now));
            var receipt = (long)insert.ExecuteScalar()!;
            if (++_inserts % 1000 == 0)
                Trim(transaction);
            transaction.Commit();
            return receipt;
        }
    }

    /// <summary>Marks a message answered: its result is durable in the outbox.</summary>
    public void MarkAnswered(long receipt)
    {
        lock (Gate)
        {
            using var command = Connection.CreateCommand();
            command.CommandText = "UPDATE received_command SET answered = 1 WHERE receipt = $receipt;";
            command.Parameters.AddWithValue("$receipt", receipt);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>The messages earlier runs recorded and never answered, oldest first, flagged
    /// <see cref="IncomingCommand.Interrupted"/> when their id was consumed. Their connection age is unknown: zero.</summary>
    public IReadOnlyList<IncomingCommand> Unanswered()
    {
        lock (Gate)
        {
            using var command = Connection.CreateCommand();
            command.CommandText = """
                SELECT receipt, topic, payload, retained, response_topic, correlation, consumed FROM received_command
                WHERE answered = 0 AND run <> $run ORDER BY receipt;
                """;
            command.Parameters.AddWithValue("$run", _run);
            using var reader = command.ExecuteReader();
            var unanswered = new List<IncomingCommand>();
            while (reader.Read())
            {
                unanswered.Add(new IncomingCommand(
                    reader.GetString(1),
                    (byte[])reader[2],
                    reader.GetInt64(3) != 0,
                    TimeSpan.Zero,
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.IsDBNull(5) ? null : (byte[])reader[5],
                    reader.GetInt64(0),
                    reader.GetInt64(6) != 0));
            }
            return unanswered;
        }
    }

    private static byte[] Digest(string topic, byte[] payload)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(topic));
        hash.AppendData([0]);
        hash.AppendData(payload);
        return hash.GetHashAndReset();
    }

    private void Trim(SqliteTransaction transaction) =>
        Connection.Execute($"""
            DELETE FROM received_command WHERE answered = 1 AND receipt IN (
                SELECT receipt FROM received_command ORDER BY receipt DESC LIMIT -1 OFFSET {KeptRows});
            """, transaction);

    public void Dispose()
    {
        if (_ownsDatabase)
            _database.Dispose();
    }
}
