using System.Diagnostics;
using Mailroom.Edge.Core.Events;
using Microsoft.Data.Sqlite;

namespace Mailroom.Edge.Storage.Outbox;

/// <summary>
/// Keeps the outbox within its bounds in rows and bytes: room for a new row is made from delivered and dead rows first
/// (oldest first), then from pending rows of the lowest priority that is not more important than the new one (oldest
/// first); Critical rows are never shed, even over the bound. What is shed is collected for the overflow report.
/// </summary>
internal sealed class OutboxShedding(OutboxConnection store, OutboxSettings settings)
{
    private (long Rows, long Bytes, long ShedTotal, ShedSummary Shed) _beforeBatch = (0, 0, 0, new ShedSummary());

    /// <summary>Rows kept (pending, delivered and dead).</summary>
    public long Rows { get; private set; }

    /// <summary>Payload bytes kept.</summary>
    public long Bytes { get; private set; }

    /// <summary>Rows shed since this outbox opened.</summary>
    public long ShedTotal { get; private set; }

    /// <summary>What was shed since the last overflow report.</summary>
    public ShedSummary Shed { get; } = new();

    /// <summary>Counts the rows and bytes in the file. Called under the gate.</summary>
    public void Recount()
    {
        using var command = store.Command(null, "SELECT count(*), coalesce(sum(length(payload)), 0) FROM outbox;");
        using var reader = command.ExecuteReader();
        reader.Read();
        Rows = reader.GetInt64(0);
        Bytes = reader.GetInt64(1);
    }

    /// <summary>Remembers the counts before a batch, so a rolled-back batch can put them back.</summary>
    public void BeginBatch() => _beforeBatch = (Rows, Bytes, ShedTotal, Shed.Clone());

    public void RollBackBatch()
    {
        (Rows, Bytes, ShedTotal, var shed) = _beforeBatch;
        // The rollback undid this batch's shedding; what earlier batches shed is still to be reported.
        Shed.RestoreFrom(shed);
    }

    /// <summary>A row of <paramref name="size"/> payload bytes was inserted.</summary>
    public void Inserted(long size)
    {
        Rows++;
        Bytes += size;
    }

    /// <summary>An incoming event was itself the one shed (it has a seq but no row).</summary>
    public void ShedIncoming(long seq, string type)
    {
        Shed.Add(seq, type, Stopwatch.GetTimestamp());
        ShedTotal++;
    }

    /// <summary>Frees space for one row: delivered/dead rows first (oldest first), then pending rows of the lowest priority
    /// that is not more important than the new one (oldest first). False when the new event itself must be shed.</summary>
    public bool MakeRoom(SqliteTransaction transaction, EventPriority priority, int size)
    {
        while (Rows + 1 > settings.MaxRows || Bytes + size > settings.MaxBytes)
        {
            if (DeleteFirst(transaction, $"SELECT seq, length(payload), type, NULL FROM outbox WHERE {OutboxSchema.Done} ORDER BY seq LIMIT 1", priority, shedding: false))
                continue;
            if (DeleteFirst(transaction, $"SELECT seq, length(payload), type, priority FROM outbox WHERE {OutboxSchema.Pending} AND priority > 0 ORDER BY priority DESC, seq LIMIT 1", priority, shedding: true))
                continue;
            // Critical events are kept even over the bound; the bound is for telemetry.
            return priority == EventPriority.Critical;
        }
        return true;
    }

    private bool DeleteFirst(SqliteTransaction transaction, string select, EventPriority incoming, bool shedding)
    {
        long seq;
        long size;
        string type;
        using (var query = store.Command(transaction, select))
        {
            using var reader = query.ExecuteReader();
            if (!reader.Read())
                return false;
            // Never shed a row more important than the one arriving.
            if (shedding && (EventPriority)reader.GetInt32(3) < incoming)
                return false;
            seq = reader.GetInt64(0);
            size = reader.GetInt64(1);
            type = reader.GetString(2);
        }
        using var delete = store.Command(transaction, "DELETE FROM outbox WHERE seq = $seq;");
        delete.Parameters.AddWithValue("$seq", seq);
        delete.ExecuteNonQuery();
        Rows--;
        Bytes -= size;
        if (shedding)
        {
            Shed.Add(seq, type, Stopwatch.GetTimestamp());
            ShedTotal++;
        }
        return true;
    }
}
