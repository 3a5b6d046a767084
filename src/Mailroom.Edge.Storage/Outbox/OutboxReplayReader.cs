using Mailroom.Edge.Core.Telemetry;
using Microsoft.Data.Sqlite;

namespace Mailroom.Edge.Storage.Outbox;

/// <summary>
/// Reads of kept rows by <c>seq</c> span, delivered or not: what the replay command counts and sends again, and what a
/// restart checks before answering a command twice. Each read commits queued marks first so it sees them.
/// </summary>
internal sealed class OutboxReplayReader(OutboxConnection store, OutboxMarks marks, OutboxAppender appender)
{
    public IReadOnlyList<OutboxMessage> ReadRange(long fromSeq, long toSeq, int max)
    {
        lock (store.Gate)
        {
            marks.CommitQueued();
            using var command = store.Command(null, "SELECT seq, topic, payload FROM outbox WHERE seq BETWEEN $from AND $to ORDER BY seq LIMIT $max;");
            command.Parameters.AddWithValue("$from", fromSeq);
            command.Parameters.AddWithValue("$to", toSeq);
            command.Parameters.AddWithValue("$max", max);
            return ReadMessages(command);
        }
    }

    public OutboxRangeCensus CountRange(long fromSeq, long toSeq)
    {
        lock (store.Gate)
        {
            marks.CommitQueued();
            using var command = store.Command(null, """
                SELECT count(delivered_at), count(*) - count(delivered_at) - count(dead_at), count(dead_at)
                FROM outbox WHERE seq BETWEEN $from AND $to;
                """);
            command.Parameters.AddWithValue("$from", fromSeq);
            command.Parameters.AddWithValue("$to", toSeq);
            using var reader = command.ExecuteReader();
            reader.Read();
            return new OutboxRangeCensus(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), appender.LastInsertedSeq);
        }
    }

    public IReadOnlyList<OutboxMessage> ReadDelivered(long fromSeq, long toSeq, int max)
    {
        lock (store.Gate)
        {
            marks.CommitQueued();
            using var command = store.Command(null, """
                SELECT seq, topic, payload FROM outbox
                WHERE seq BETWEEN $from AND $to AND delivered_at IS NOT NULL ORDER BY seq LIMIT $max;
                """);
            command.Parameters.AddWithValue("$from", fromSeq);
            command.Parameters.AddWithValue("$to", toSeq);
            command.Parameters.AddWithValue("$max", max);
            return ReadMessages(command);
        }
    }

    /// <summary>The rows a <c>SELECT seq, topic, payload</c> returns.</summary>
    public static List<OutboxMessage> ReadMessages(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var rows = new List<OutboxMessage>();
        while (reader.Read())
            rows.Add(new OutboxMessage(reader.GetInt64(0), reader.GetString(1), (byte[])reader.GetValue(2)));
        return rows;
    }
}
