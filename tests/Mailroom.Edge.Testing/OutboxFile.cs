using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;

namespace Mailroom.Edge.Testing;

/// <summary>Reads an outbox file's rows as the tests check them, without a test-only member on the outbox itself.</summary>
public static class OutboxFile
{
    /// <summary>A row's delivery state after the outbox's queued marks are committed (every read of the outbox commits
    /// them first, <see cref="IOutbox.Status"/> included); null when there is no such row.</summary>
    public static OutboxRowState? RowState(IOutbox outbox, string path, long seq)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        outbox.Status();
        return RowState(path, seq);
    }

    /// <summary>A row's delivery state as the file holds it; null when there is no such row.</summary>
    public static OutboxRowState? RowState(string path, long seq)
    {
        using var connection = SqliteFile.Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT delivered_at, dead_at, dead_reason, priority, type FROM outbox WHERE seq = $seq;";
        command.Parameters.AddWithValue("$seq", seq);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
            return null;
        return new OutboxRowState(seq, reader.IsDBNull(0) ? null : reader.GetString(0))
        {
            DeadAt = reader.IsDBNull(1) ? null : reader.GetString(1),
            DeadReason = reader.IsDBNull(2) ? null : reader.GetString(2),
            Priority = (EventPriority)reader.GetInt32(3),
            Type = reader.GetString(4),
        };
    }
}
