using System.Threading.Channels;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Mailroom.Edge.Storage.Outbox;

/// <summary>
/// The store-and-forward outbox in one SQLite file (WAL). An append assigns the next per-device <c>seq</c> and a
/// UUIDv7 id, serialises the event, and returns only after its transaction has committed. Rows stay until the
/// publisher reports the broker's PUBACK. One connection, one writer at a time.
/// </summary>
public sealed class SqliteOutbox : IEventSink, IOutbox, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly DeviceIdentity _device;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Channel<bool> _doorbell = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private long _lastSeq;

    public SqliteOutbox(string path, DeviceIdentity device, TimeProvider time, SqliteDurability durability = SqliteDurability.Full)
    {
        _device = device;
        _time = time;
        _connection = SqliteConnections.Open(path, durability);
        _connection.Execute(OutboxSchema.Create);
        _lastSeq = _connection.Scalar<long>("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'");
    }

    /// <summary>Counts this process start and returns the new boot number (1 on the first start).</summary>
    public long IncrementBootCounter()
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                INSERT INTO device_state (key, value) VALUES ('boot', 1)
                ON CONFLICT (key) DO UPDATE SET value = value + 1
                RETURNING value;
                """;
            return (long)command.ExecuteScalar()!;
        }
    }

    public ValueTask<EventEnvelope> AppendAsync(DomainEvent domainEvent, CancellationToken cancellationToken = default)
    {
        EventEnvelope envelope;
        lock (_gate)
        {
            envelope = new EventEnvelope(Guid.CreateVersion7(_time.GetUtcNow()), _lastSeq + 1);
            var payload = EventSerializer.Serialize(domainEvent, envelope, _device);
            using var command = _connection.CreateCommand();
            command.CommandText = """
                INSERT INTO outbox (seq, id, type, topic, priority, payload, created_at)
                VALUES ($seq, $id, $type, $topic, $priority, $payload, $created);
                """;
            command.Parameters.AddWithValue("$seq", envelope.Seq);
            command.Parameters.AddWithValue("$id", envelope.Id.ToString());
            command.Parameters.AddWithValue("$type", domainEvent.Type);
            command.Parameters.AddWithValue("$topic", $"{_device.TopicRoot}/{domainEvent.TopicSuffix}");
            command.Parameters.AddWithValue("$priority", (int)domainEvent.Priority);
            command.Parameters.AddWithValue("$payload", payload);
            command.Parameters.AddWithValue("$created", WireNames.Timestamp(domainEvent.Timestamp));
            command.ExecuteNonQuery();
            _lastSeq = envelope.Seq;
        }
        _doorbell.Writer.TryWrite(true);
        return ValueTask.FromResult(envelope);
    }

    public IReadOnlyList<OutboxMessage> ReadPending(long afterSeq, int max)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                SELECT seq, topic, payload FROM outbox
                WHERE delivered_at IS NULL AND seq > $after ORDER BY seq LIMIT $max;
                """;
            command.Parameters.AddWithValue("$after", afterSeq);
            command.Parameters.AddWithValue("$max", max);
            using var reader = command.ExecuteReader();
            var rows = new List<OutboxMessage>();
            while (reader.Read())
                rows.Add(new OutboxMessage(reader.GetInt64(0), reader.GetString(1), (byte[])reader.GetValue(2)));
            return rows;
        }
    }

    public void MarkDelivered(long seq)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "UPDATE outbox SET delivered_at = $now WHERE seq = $seq AND delivered_at IS NULL;";
            command.Parameters.AddWithValue("$now", WireNames.Timestamp(_time.GetUtcNow()));
            command.Parameters.AddWithValue("$seq", seq);
            command.ExecuteNonQuery();
        }
    }

    public ValueTask WaitForAppendAsync(CancellationToken cancellationToken) =>
        _doorbell.Reader.TryRead(out _) ? ValueTask.CompletedTask : WaitAsync(cancellationToken);

    private async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        await _doorbell.Reader.WaitToReadAsync(cancellationToken);
        _doorbell.Reader.TryRead(out _);
    }

    /// <summary>Rows not yet acknowledged by the broker.</summary>
    public long PendingCount()
    {
        lock (_gate)
            return _connection.Scalar<long>("SELECT count(*) FROM outbox WHERE delivered_at IS NULL");
    }

    /// <summary>A row's delivery state, for tests and diagnostics: null when there is no such row.</summary>
    public OutboxRowState? RowState(long seq)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT delivered_at FROM outbox WHERE seq = $seq;";
            command.Parameters.AddWithValue("$seq", seq);
            using var reader = command.ExecuteReader();
            if (!reader.Read())
                return null;
            return new OutboxRowState(seq, reader.IsDBNull(0) ? null : reader.GetString(0));
        }
    }

    public void Dispose()
    {
        lock (_gate)
            _connection.Dispose();
    }
}
