using Mailroom.Edge.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Mailroom.Edge.Storage.Outbox;

/// <summary>
/// The device's boot number, kept in the outbox file (<c>device_state</c>). On a full disk it is still counted, in
/// memory, and saved with the first batch that commits, so the agent starts and reports the storage failure from its
/// first health message on.
/// </summary>
internal sealed class BootCounter(OutboxConnection store, OutboxStorageHold hold)
{
    // A boot number counted while the disk was full, not yet saved (0: none). Set under the gate, cleared by the writer.
    private long _unsaved;

    public bool HasUnsaved => Interlocked.Read(ref _unsaved) != 0;

    /// <summary>Counts this process start and returns the new boot number (1 on the first start). False in
    /// <paramref name="saved"/> when it is only counted in memory; the writer then has to retry.</summary>
    public long Increment(out bool saved)
    {
        lock (store.Gate)
        {
            try
            {
                using var command = store.Command(null, """
                    INSERT INTO device_state (key, value) VALUES ('boot', 1)
                    ON CONFLICT (key) DO UPDATE SET value = value + 1
                    RETURNING value;
                    """);
                saved = true;
                return (long)command.ExecuteScalar()!;
            }
            catch (SqliteException e)
            {
                var boot = store.Connection.Scalar<long>("SELECT coalesce(max(value), 0) FROM device_state WHERE key = 'boot';") + 1;
                Interlocked.Exchange(ref _unsaved, boot);
                hold.Fail(e);
                saved = false;
                return boot;
            }
        }
    }

    /// <summary>Writes a boot number counted while the disk was full (never lowering one saved since).</summary>
    public void SaveUnsaved(SqliteTransaction transaction)
    {
        var boot = Interlocked.Read(ref _unsaved);
        if (boot == 0)
            return;
        using var command = store.Command(transaction, """
            INSERT INTO device_state (key, value) VALUES ('boot', $boot)
            ON CONFLICT (key) DO UPDATE SET value = max(value, excluded.value);
            """);
        command.Parameters.AddWithValue("$boot", boot);
        command.ExecuteNonQuery();
    }

    /// <summary>The batch that saved it committed.</summary>
    public void Saved() => Interlocked.Exchange(ref _unsaved, 0);
}
