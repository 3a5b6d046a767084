using System.Diagnostics;
using Mailroom.Edge.Core.Events;
using Microsoft.Data.Sqlite;

namespace Mailroom.Edge.Storage.Outbox;

/// <summary>
/// Ends the replay window: delivered and dead rows older than <see cref="OutboxSettings.ReplayMaxAge"/> go, then the
/// oldest of them beyond <see cref="OutboxSettings.ReplayMaxBytes"/>. Pending rows never. The writer runs it every
/// <see cref="OutboxSettings.PruneInterval"/>.
/// </summary>
internal sealed class OutboxPruning(OutboxConnection store, OutboxMarks marks, OutboxShedding shedding, OutboxSettings settings, TimeProvider time)
{
    private long _lastPrune = Stopwatch.GetTimestamp();

    /// <summary>Prunes when the interval has passed and the storage writes; a failure waits for the next interval.</summary>
    public void PruneIfDue(bool storageFailing)
    {
        if (Stopwatch.GetElapsedTime(_lastPrune) < settings.PruneInterval || storageFailing)
            return;
        _lastPrune = Stopwatch.GetTimestamp();
        try
        {
            Prune();
        }
        catch (SqliteException)
        {
            // Pruning only frees space; it is retried next interval.
        }
    }

    /// <summary>Returns how many rows went.</summary>
    public long Prune()
    {
        lock (store.Gate)
        {
            marks.CommitQueued();
            using var transaction = store.Connection.BeginTransaction();
            var cutoff = WireNames.Timestamp(time.GetUtcNow() - settings.ReplayMaxAge);
            using var byAge = store.Command(transaction, $"DELETE FROM outbox WHERE {OutboxSchema.Done} AND coalesce(delivered_at, dead_at) < $cutoff;");
            byAge.Parameters.AddWithValue("$cutoff", cutoff);
            long removed = byAge.ExecuteNonQuery();

            // Newest first, summing sizes: every done row past the byte budget goes.
            using var bySize = store.Command(transaction, $"""
                DELETE FROM outbox WHERE seq IN (
                    SELECT seq FROM (
                        SELECT seq, sum(length(payload)) OVER (ORDER BY seq DESC) AS kept
                        FROM outbox WHERE {OutboxSchema.Done})
                    WHERE kept > $budget);
                """);
            bySize.Parameters.AddWithValue("$budget", settings.ReplayMaxBytes);
            removed += bySize.ExecuteNonQuery();
            transaction.Commit();
            shedding.Recount();
            return removed;
        }
    }
}
