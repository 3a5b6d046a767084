using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Mailroom.Edge.Storage.Outbox;

/// <summary>
/// Gives each appended event the next per-device <c>seq</c> and a UUIDv7 id and inserts its row, making room first
/// (<see cref="OutboxShedding"/>). Runs on the writer thread, inside its batch transaction.
/// </summary>
internal sealed class OutboxAppender
{
    private readonly OutboxConnection _store;
    private readonly OutboxShedding _shedding;
    private readonly DeviceIdentity _device;
    private readonly TimeProvider _time;
    private long _lastSeq;
    private (long LastSeq, long LastInserted) _beforeBatch;

    public OutboxAppender(OutboxConnection store, OutboxShedding shedding, DeviceIdentity device, TimeProvider time)
    {
        _store = store;
        _shedding = shedding;
        _device = device;
        _time = time;
        _lastSeq = store.Connection.Scalar<long>("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'");
        LastInsertedSeq = _lastSeq;
    }

    /// <summary>The last <c>seq</c> written so far (a row, or a shed event's seq the sequence was moved past).</summary>
    public long LastInsertedSeq { get; private set; }

    /// <summary>Remembers the sequence before a batch, so a rolled-back batch hands its seqs out again.</summary>
    public void BeginBatch() => _beforeBatch = (_lastSeq, LastInsertedSeq);

    public void RollBackBatch() => (_lastSeq, LastInsertedSeq) = _beforeBatch;

    public void Insert(SqliteTransaction transaction, PendingAppend pending, bool makeRoom = true)
    {
        var domainEvent = pending.Event;
        var seq = _lastSeq + 1;
        var envelope = new EventEnvelope(Guid.CreateVersion7(_time.GetUtcNow()), seq);
        byte[] payload;
        try
        {
            payload = EventSerializer.Serialize(domainEvent, envelope, _device);
        }
        catch (Exception e) when (e is not SqliteException)
        {
            // A faulty event type must not take the batch down with it; it gets no seq.
            pending.CallerFailed = true;
            pending.Completion.TrySetException(e);
            return;
        }

        _lastSeq = seq;
        if (makeRoom && !_shedding.MakeRoom(transaction, domainEvent.Priority, payload.Length))
        {
            // Nothing less important left to shed: this (non-critical) event is the one shed. It keeps its seq so the
            // overflow report accounts for the gap.
            _shedding.ShedIncoming(seq, domainEvent.Type);
            pending.Envelope = envelope;
            return;
        }

        using var command = _store.Command(transaction, """
            INSERT INTO outbox (seq, id, type, topic, priority, payload, created_at)
            VALUES ($seq, $id, $type, $topic, $priority, $payload, $created);
            """);
        command.Parameters.AddWithValue("$seq", seq);
        command.Parameters.AddWithValue("$id", envelope.Id.ToString());
        command.Parameters.AddWithValue("$type", domainEvent.Type);
        command.Parameters.AddWithValue("$topic", $"{_device.TopicRoot}/{domainEvent.TopicSuffix}");
        command.Parameters.AddWithValue("$priority", (int)domainEvent.Priority);
        command.Parameters.AddWithValue("$payload", payload);
        command.Parameters.AddWithValue("$created", WireNames.Timestamp(domainEvent.Timestamp));
        command.ExecuteNonQuery();
        LastInsertedSeq = seq;
        _shedding.Inserted(payload.Length);
        pending.Envelope = envelope;
    }

    /// <summary>A shed incoming event took a seq without a row; AUTOINCREMENT only remembers inserted rows, so the
    /// sequence is moved on explicitly, or a restart would hand that seq out again.</summary>
    public void KeepSequence(SqliteTransaction transaction)
    {
        if (_lastSeq <= LastInsertedSeq)
            return;
        using var command = _store.Command(transaction, """
            UPDATE sqlite_sequence SET seq = $seq WHERE name = 'outbox';
            INSERT INTO sqlite_sequence (name, seq) SELECT 'outbox', $seq WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'outbox');
            """);
        command.Parameters.AddWithValue("$seq", _lastSeq);
        command.ExecuteNonQuery();
        LastInsertedSeq = _lastSeq;
    }
}
