using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Mailroom.Edge.Storage.Outbox;

/// <summary>
/// What the outbox does while its storage fails (a full disk): the failed appends are told they are not durable and held
/// in memory (bounded) to be written first once space returns; on SQLITE_FULL with a non-empty WAL the reserve file is
/// given up so a checkpoint can free the WAL's room, and it is written again once the outbox writes again.
/// </summary>
internal sealed class OutboxStorageHold
{
    private const int SqliteFull = 13;

    private readonly OutboxSettings _settings;
    private readonly StorageReserve _reserve;
    private readonly string _walPath;
    private readonly List<PendingAppend> _held = [];
    private volatile string? _error;

    /// <summary>Writes the reserve if it is missing: built before the connection opens, so the reserve is in place before
    /// the database grows into the room.</summary>
    public OutboxStorageHold(string path, OutboxSettings settings)
    {
        _settings = settings;
        _reserve = new StorageReserve(path + ".reserve", settings.ReserveBytes);
        _walPath = path + "-wal";
        _reserve.Restore();
    }

    /// <summary>Raised (on the writer thread) when the storage starts or stops failing; handlers must be quick.</summary>
    public event Action<bool, string?>? ConditionChanged;

    /// <summary>Why the storage fails; null while it writes.</summary>
    public string? Error => _error;

    public bool Failing => _error is not null;

    /// <summary>Appends held in memory, oldest first; only the writer changes them.</summary>
    public IReadOnlyList<PendingAppend> Held => _held;

    /// <summary>A statement outside a batch failed (the boot counter at start).</summary>
    public void Fail(SqliteException error)
    {
        _error = Message(error);
        ConditionChanged?.Invoke(true, _error);
    }

    /// <summary>The batch holding the first <paramref name="written"/> held appends committed: they leave the hold, and
    /// when none is left the storage writes again.</summary>
    public void Committed(int written)
    {
        _held.RemoveRange(0, written);
        if (_error is not null && _held.Count == 0)
        {
            _error = null;
            // Best effort: where the reserve does not fit yet it is tried again after the next failure has passed.
            _reserve.Restore();
            ConditionChanged?.Invoke(false, null);
        }
    }

    /// <summary>A batch failed: its new appends (from <paramref name="fromHeld"/> on) are told they are not durable and
    /// held while there is room. Called under the gate.</summary>
    public void HoldAfterFailure(OutboxConnection store, List<PendingAppend> batch, int fromHeld, SqliteException error)
    {
        var full = error.SqliteErrorCode == SqliteFull;
        var message = Message(error);
        var wasFailing = _error is not null;
        _error = message;
        for (var i = fromHeld; i < batch.Count; i++)
        {
            var pending = batch[i];
            pending.Envelope = null;
            var held = _held.Count < _settings.MaxHeldInMemory;
            if (held)
                _held.Add(pending);
            pending.CallerFailed = true;
            pending.Completion.TrySetException(new EventNotDurableException(
                held
                    ? $"{pending.Event.Type} is not durable: {message}; it is held in memory ({_held.Count} held) and written when storage recovers"
                    : $"{pending.Event.Type} is lost: {message}, and the in-memory buffer of {_settings.MaxHeldInMemory} events is full",
                held,
                error));
        }
        for (var i = 0; i < fromHeld; i++)
            batch[i].Envelope = null;
        if (full)
            CheckpointIntoReserve(store);
        if (!wasFailing)
            ConditionChanged?.Invoke(true, message);
    }

    /// <summary>On a full disk the WAL may hold the space the outbox needs: the reserve is given up so a checkpoint can
    /// copy the WAL into the database and truncate it; the retry then writes into what that freed. Only when the WAL
    /// holds something, so an outbox started on a full disk (empty WAL) keeps its reserve. Called under the gate.</summary>
    private void CheckpointIntoReserve(OutboxConnection store)
    {
        if (!File.Exists(_walPath) || new FileInfo(_walPath).Length == 0)
            return;
        _reserve.Release();
        try
        {
            store.Connection.Execute("PRAGMA wal_checkpoint(TRUNCATE);");
        }
        catch (SqliteException)
        {
            // Still no room: the retry fails too and the events stay held until space returns.
        }
    }

    private static string Message(SqliteException error) => error.SqliteErrorCode == SqliteFull
        ? $"the disk holding the outbox is full ({error.Message})"
        : $"the outbox file cannot be written ({error.Message})";
}
