using System.Collections.Concurrent;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Mailroom.Edge.Storage.Outbox;

/// <summary>
/// Delivery marks (delivered, or dead with a reason) queued by the publisher and committed by the writer with its next
/// batch, or by a reader first so it sees them. Marks need no fsync of their own: one lost in a power cut only means a
/// duplicate delivery.
/// </summary>
internal sealed class OutboxMarks(OutboxConnection store, TimeProvider time)
{
    private readonly ConcurrentQueue<(long Seq, string? DeadReason)> _queue = new();
    private long _deadTotal;
    private long _deadTotalBeforeBatch;

    public bool IsEmpty => _queue.IsEmpty;

    /// <summary>Rows dead-lettered since this outbox opened.</summary>
    public long DeadTotal => _deadTotal;

    public void Enqueue(long seq, string? deadReason) => _queue.Enqueue((seq, deadReason));

    /// <summary>Takes every queued mark. Under the gate: a reader that commits marks first must never find the queue empty
    /// while a batch still holds marks it has not committed, or it would read a delivered row as pending.</summary>
    public List<(long Seq, string? DeadReason)> TakeAll()
    {
        var marks = new List<(long Seq, string? DeadReason)>();
        while (_queue.TryDequeue(out var mark))
            marks.Add(mark);
        return marks;
    }

    /// <summary>Puts marks whose transaction failed back, for the next commit.</summary>
    public void Requeue(List<(long Seq, string? DeadReason)> marks)
    {
        foreach (var mark in marks)
            _queue.Enqueue(mark);
    }

    /// <summary>Remembers the dead count before a batch, so a rolled-back batch can put it back.</summary>
    public void BeginBatch() => _deadTotalBeforeBatch = _deadTotal;

    public void RollBackBatch() => _deadTotal = _deadTotalBeforeBatch;

    public void Apply(SqliteTransaction transaction, List<(long Seq, string? DeadReason)> marks)
    {
        if (marks.Count == 0)
            return;
        var now = WireNames.Timestamp(time.GetUtcNow());
        using var delivered = store.Command(transaction, $"UPDATE outbox SET delivered_at = $now WHERE seq = $seq AND {OutboxSchema.Pending};");
        var deliveredSeq = delivered.Parameters.Add("$seq", SqliteType.Integer);
        delivered.Parameters.AddWithValue("$now", now);
        using var dead = store.Command(transaction, $"UPDATE outbox SET dead_at = $now, dead_reason = $reason WHERE seq = $seq AND {OutboxSchema.Pending};");
        var deadSeq = dead.Parameters.Add("$seq", SqliteType.Integer);
        var deadReason = dead.Parameters.Add("$reason", SqliteType.Text);
        dead.Parameters.AddWithValue("$now", now);
        foreach (var (seq, reason) in marks)
        {
            if (reason is null)
            {
                deliveredSeq.Value = seq;
                delivered.ExecuteNonQuery();
            }
            else
            {
                deadSeq.Value = seq;
                deadReason.Value = reason;
                _deadTotal += dead.ExecuteNonQuery();
            }
        }
    }

    /// <summary>Commits queued marks before a read, so readers see them. Called under the gate.</summary>
    public void CommitQueued()
    {
        if (_queue.IsEmpty)
            return;
        var marks = TakeAll();
        try
        {
            store.SetSynchronous(SqliteDurability.Normal);
            using var transaction = store.Connection.BeginTransaction();
            Apply(transaction, marks);
            transaction.Commit();
        }
        catch (SqliteException)
        {
            // Disk full: the marks wait for the writer's next successful batch.
            Requeue(marks);
        }
        finally
        {
            store.RestoreSynchronous();
        }
    }

    /// <summary>The last commit, on close. Called under the gate.</summary>
    public void CommitQueuedQuietly()
    {
        try
        {
            CommitQueued();
        }
        catch (SqliteException)
        {
            // Closing anyway; undelivered marks mean duplicates after restart, never loss.
        }
    }
}
