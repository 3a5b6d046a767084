using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Mailroom.Edge.Storage.Outbox;

/// <summary>
/// The store-and-forward outbox in one SQLite file (WAL). Appends go to one writer thread that commits them in batches
/// (group commit): every append still returns only after the transaction holding it has committed, but one fsync serves
/// everyone who arrived meanwhile, so throughput grows with load. Each append gets the next per-device <c>seq</c> and a
/// UUIDv7 id. The outbox is bounded in rows and bytes (lowest priority shed first, Critical never) and keeps delivered
/// rows for a replay window. When the disk is full the append fails with <see cref="EventNotDurableException"/>, the
/// event is held in memory (bounded) and written when space returns. One connection; every statement runs under one lock.
/// </summary>
public sealed class SqliteOutbox : IEventSink, IOutbox, IDisposable
{
    private const int SqliteFull = 13;

    private readonly SqliteConnection _connection;
    private readonly DeviceIdentity _device;
    private readonly TimeProvider _time;
    private readonly OutboxSettings _settings;
    private readonly Lock _gate = new();
    private readonly ConcurrentQueue<PendingAppend> _appends = new();
    private readonly ConcurrentQueue<(long Seq, string? DeadReason)> _marks = new();
    private readonly AutoResetEvent _wake = new(false);
    private readonly Thread _writer;
    private readonly Channel<bool> _doorbell = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly List<PendingAppend> _held = [];
    private readonly ShedSummary _shed = new();
    private readonly StorageReserve _reserve;
    private readonly string _walPath;
    private long _lastSeq;
    private bool _reportDue;
    private long _lastInsertedSeq;
    private long _rows;
    private long _bytes;
    private long _shedTotal;
    private long _deadTotal;
    private long _lastPrune;
    private volatile bool _stopping;
    private volatile string? _storageError;
    // A boot number counted while the disk was full, not yet saved (0: none). Set under the gate, cleared by the writer.
    private long _unsavedBoot;

    public SqliteOutbox(string path, DeviceIdentity device, TimeProvider time, SqliteDurability durability = SqliteDurability.Full)
        : this(path, device, time, new OutboxSettings { Durability = durability })
    {
    }

    public SqliteOutbox(string path, DeviceIdentity device, TimeProvider time, OutboxSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _device = device;
        _time = time;
        _settings = settings;
        _reserve = new StorageReserve(path + ".reserve", settings.ReserveBytes);
        _walPath = path + "-wal";
        _reserve.Restore();
        _connection = SqliteConnections.Open(path, settings.Durability);
        _connection.Execute(OutboxSchema.Create);
        if (_connection.Scalar<long>("SELECT count(*) FROM pragma_table_info('outbox') WHERE name = 'dead_at'") == 0)
            _connection.Execute(OutboxSchema.Upgrade);
        _connection.Execute(OutboxSchema.Indexes);
        _lastSeq = _connection.Scalar<long>("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'");
        _lastInsertedSeq = _lastSeq;
        RecountRows();
        _lastPrune = Stopwatch.GetTimestamp();
        _writer = new Thread(WriterLoop) { IsBackground = true, Name = "outbox-writer" };
        _writer.Start();
    }

    /// <summary>Raised (on the writer thread) when the storage starts or stops failing; handlers must be quick.</summary>
    public event Action<bool, string?>? StorageConditionChanged;

    /// <summary>Counts this process start and returns the new boot number (1 on the first start). On a full disk the
    /// number is still counted, in memory, and written with the first batch that commits, so the agent starts and reports
    /// the storage failure from its first health message on.</summary>
    public long IncrementBootCounter()
    {
        lock (_gate)
        {
            try
            {
                using var command = _connection.CreateCommand();
                command.CommandText = """
                    INSERT INTO device_state (key, value) VALUES ('boot', 1)
                    ON CONFLICT (key) DO UPDATE SET value = value + 1
                    RETURNING value;
                    """;
                return (long)command.ExecuteScalar()!;
            }
            catch (SqliteException e)
            {
                var boot = _connection.Scalar<long>("SELECT coalesce(max(value), 0) FROM device_state WHERE key = 'boot';") + 1;
                Interlocked.Exchange(ref _unsavedBoot, boot);
                _storageError = StorageErrorMessage(e);
                StorageConditionChanged?.Invoke(true, _storageError);
                // The writer retries on its storage interval; the saved boot number is what ends the failure.
                _wake.Set();
                return boot;
            }
        }
    }

    public ValueTask<EventEnvelope> AppendAsync(DomainEvent domainEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        ObjectDisposedException.ThrowIf(_stopping, this);
        var pending = new PendingAppend(domainEvent);
        _appends.Enqueue(pending);
        _wake.Set();
        // Once queued the write happens whatever the token says: a half-cancelled append would be a lie either way.
        return new ValueTask<EventEnvelope>(pending.Completion.Task);
    }

    public IReadOnlyList<OutboxMessage> ReadPending(long afterSeq, int max)
    {
        lock (_gate)
        {
            CommitMarks();
            using var command = _connection.CreateCommand();
            command.CommandText = $"""
                SELECT seq, topic, payload FROM outbox
                WHERE {OutboxSchema.Pending} AND seq > $after ORDER BY seq LIMIT $max;
                """;
            command.Parameters.AddWithValue("$after", afterSeq);
            command.Parameters.AddWithValue("$max", max);
            return ReadMessages(command);
        }
    }

    /// <summary>The rows with <c>seq</c> in <paramref name="fromSeq"/>..<paramref name="toSeq"/> still kept, delivered
    /// or not (a consumer asking for a gap again). Shed and pruned rows are simply absent.</summary>
    public IReadOnlyList<OutboxMessage> ReadRange(long fromSeq, long toSeq, int max = 1000)
    {
        lock (_gate)
        {
            CommitMarks();
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT seq, topic, payload FROM outbox WHERE seq BETWEEN $from AND $to ORDER BY seq LIMIT $max;";
            command.Parameters.AddWithValue("$from", fromSeq);
            command.Parameters.AddWithValue("$to", toSeq);
            command.Parameters.AddWithValue("$max", max);
            return ReadMessages(command);
        }
    }

    /// <summary>How the rows with <c>seq</c> in <paramref name="fromSeq"/>..<paramref name="toSeq"/> stand: delivered,
    /// still pending, dead-lettered; the rest of the span is no longer kept (pruned, shed) or not yet written.</summary>
    public OutboxRangeCensus CountRange(long fromSeq, long toSeq)
    {
        lock (_gate)
        {
            CommitMarks();
            using var command = _connection.CreateCommand();
            command.CommandText = """
                SELECT count(delivered_at), count(*) - count(delivered_at) - count(dead_at), count(dead_at)
                FROM outbox WHERE seq BETWEEN $from AND $to;
                """;
            command.Parameters.AddWithValue("$from", fromSeq);
            command.Parameters.AddWithValue("$to", toSeq);
            using var reader = command.ExecuteReader();
            reader.Read();
            return new OutboxRangeCensus(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), _lastInsertedSeq);
        }
    }

    /// <summary>Up to <paramref name="max"/> delivered rows with <c>seq</c> in <paramref name="fromSeq"/>..<paramref name="toSeq"/>,
    /// ascending: what a replay sends again (pending rows are on their way anyway, dead ones would be refused again).</summary>
    public IReadOnlyList<OutboxMessage> ReadDelivered(long fromSeq, long toSeq, int max)
    {
        lock (_gate)
        {
            CommitMarks();
            using var command = _connection.CreateCommand();
            command.CommandText = """
                SELECT seq, topic, payload FROM outbox
                WHERE seq BETWEEN $from AND $to AND delivered_at IS NOT NULL ORDER BY seq LIMIT $max;
                """;
            command.Parameters.AddWithValue("$from", fromSeq);
            command.Parameters.AddWithValue("$to", toSeq);
            command.Parameters.AddWithValue("$max", max);
            return ReadMessages(command);
        }
    }

    public void MarkDelivered(long seq)
    {
        _marks.Enqueue((seq, null));
        _wake.Set();
    }

    public void MarkDeadLettered(long seq, string reason)
    {
        _marks.Enqueue((seq, reason));
        _wake.Set();
    }

    public ValueTask WaitForAppendAsync(CancellationToken cancellationToken) =>
        _doorbell.Reader.TryRead(out _) ? ValueTask.CompletedTask : WaitAsync(cancellationToken);

    private async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        await _doorbell.Reader.WaitToReadAsync(cancellationToken);
        _doorbell.Reader.TryRead(out _);
    }

    /// <summary>Rows not yet acknowledged by the broker (nor dead).</summary>
    public long PendingCount()
    {
        lock (_gate)
        {
            CommitMarks();
            return _connection.Scalar<long>($"SELECT count(*) FROM outbox WHERE {OutboxSchema.Pending}");
        }
    }

    public OutboxStatus Status()
    {
        lock (_gate)
        {
            CommitMarks();
            var pending = _connection.Scalar<long>($"SELECT count(*) FROM outbox WHERE {OutboxSchema.Pending}");
            var oldest = _connection.Scalar<string>($"SELECT created_at FROM outbox WHERE {OutboxSchema.Pending} ORDER BY seq LIMIT 1");
            return new OutboxStatus(
                pending,
                oldest is null ? null : DateTimeOffset.Parse(oldest, System.Globalization.CultureInfo.InvariantCulture),
                _rows, _bytes, _shedTotal, _deadTotal, _storageError is not null, _held.Count, _storageError);
        }
    }

    /// <summary>A row's delivery state, for tests and diagnostics: null when there is no such row.</summary>
    public OutboxRowState? RowState(long seq)
    {
        lock (_gate)
        {
            CommitMarks();
            using var command = _connection.CreateCommand();
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

    /// <summary>Drops delivered and dead rows older than the replay window, then the oldest of them beyond its byte budget.
    /// The writer runs this every <see cref="OutboxSettings.PruneInterval"/>; public for tests and maintenance.</summary>
    public long Prune()
    {
        lock (_gate)
        {
            CommitMarks();
            using var transaction = _connection.BeginTransaction();
            var cutoff = WireNames.Timestamp(_time.GetUtcNow() - _settings.ReplayMaxAge);
            using var byAge = _connection.CreateCommand();
            byAge.Transaction = transaction;
            byAge.CommandText = $"DELETE FROM outbox WHERE {OutboxSchema.Done} AND coalesce(delivered_at, dead_at) < $cutoff;";
            byAge.Parameters.AddWithValue("$cutoff", cutoff);
            long removed = byAge.ExecuteNonQuery();

            // Newest first, summing sizes: every done row past the byte budget goes.
            using var bySize = _connection.CreateCommand();
            bySize.Transaction = transaction;
            bySize.CommandText = $"""
                DELETE FROM outbox WHERE seq IN (
                    SELECT seq FROM (
                        SELECT seq, sum(length(payload)) OVER (ORDER BY seq DESC) AS kept
                        FROM outbox WHERE {OutboxSchema.Done})
                    WHERE kept > $budget);
                """;
            bySize.Parameters.AddWithValue("$budget", _settings.ReplayMaxBytes);
            removed += bySize.ExecuteNonQuery();
            transaction.Commit();
            RecountRows();
            return removed;
        }
    }

    /// <summary>For disk-full tests: caps the file at <paramref name="pages"/> pages (<c>PRAGMA max_page_count</c>).</summary>
    internal long LimitPages(long pages)
    {
        lock (_gate)
            return _connection.Scalar<long>($"PRAGMA max_page_count = {pages};");
    }

    internal long PageCount()
    {
        lock (_gate)
            return _connection.Scalar<long>("PRAGMA page_count;");
    }

    /// <summary>Runs <c>PRAGMA integrity_check</c>; "ok" when the file is sound.</summary>
    public string IntegrityCheck()
    {
        lock (_gate)
            return _connection.Scalar<string>("PRAGMA integrity_check;") ?? "";
    }

    public void Dispose()
    {
        if (_stopping)
            return;
        _stopping = true;
        _wake.Set();
        _writer.Join();
        lock (_gate)
        {
            CommitMarksQuietly();
            _connection.Dispose();
        }
        _wake.Dispose();
    }

    private void WriterLoop()
    {
        var batch = new List<PendingAppend>(_settings.MaxBatch);
        while (true)
        {
            var stopping = _stopping;
            // While storage fails, queued marks alone must not spin the loop: they wait for the retry.
            if (_appends.IsEmpty && (_marks.IsEmpty || _storageError is not null) && !stopping)
                _wake.WaitOne(NextWakeDelay());
            do
            {
                WriteBatch(batch);
            }
            while (!_appends.IsEmpty && _storageError is null);
            FlushOverflowReportIfDue();
            PruneIfDue();
            if (stopping && _appends.IsEmpty)
            {
                FailRemaining();
                return;
            }
        }
    }

    private TimeSpan NextWakeDelay()
    {
        var delay = _settings.PruneInterval;
        if (_held.Count > 0 || _storageError is not null)
            delay = Min(delay, _settings.StorageRetryInterval);
        if (!_shed.IsEmpty)
        {
            var due = _settings.OverflowReportInterval - Stopwatch.GetElapsedTime(_shed.StartedAt);
            delay = Min(delay, due < TimeSpan.Zero ? TimeSpan.Zero : due);
        }
        return delay;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private void WriteBatch(List<PendingAppend> batch)
    {
        batch.Clear();
        // Events held during a disk-full spell go first, so they keep their place in seq order.
        batch.AddRange(_held.Take(_settings.MaxBatch));
        var fromHeld = batch.Count;
        // New appends are always taken too (even behind a full held batch), so while the disk is full they fail fast.
        while (batch.Count - fromHeld < _settings.MaxBatch && _appends.TryDequeue(out var next))
            batch.Add(next);
        if (batch.Count == 0 && _marks.IsEmpty && !_reportDue && Interlocked.Read(ref _unsavedBoot) == 0)
            return;

        var marks = new List<(long Seq, string? DeadReason)>();
        var lastSeq = _lastSeq;
        var lastInserted = _lastInsertedSeq;
        var rows = _rows;
        var bytes = _bytes;
        var shedTotal = _shedTotal;
        var deadTotal = _deadTotal;
        var shed = _shed.Clone();
        lock (_gate)
        {
            // Marks are taken under the lock: a reader that commits marks first (CommitMarks) must never find the queue
            // empty while this batch still holds marks it has not committed, or it would read a delivered row as pending.
            while (_marks.TryDequeue(out var mark))
                marks.Add(mark);
            try
            {
                var appended = batch.Count > 0;
                SetSynchronous(appended ? _settings.Durability : SqliteDurability.Normal);
                using var transaction = _connection.BeginTransaction();
                ApplyMarks(transaction, marks);
                SaveBoot(transaction);
                foreach (var pending in batch)
                    Insert(transaction, pending);
                if (_lastSeq > _lastInsertedSeq)
                    KeepSequence(transaction);
                if ((appended && _appends.IsEmpty) || _reportDue)
                    InsertOverflowReportIfDue(transaction);
                transaction.Commit();
            }
            catch (SqliteException e)
            {
                _lastSeq = lastSeq;
                _lastInsertedSeq = lastInserted;
                _rows = rows;
                _bytes = bytes;
                _shedTotal = shedTotal;
                _deadTotal = deadTotal;
                // The rollback undid this batch's shedding; what earlier batches shed is still to be reported.
                _shed.RestoreFrom(shed);
                foreach (var mark in marks)
                    _marks.Enqueue(mark);
                HoldAfterFailure(batch, fromHeld, e);
                return;
            }
            finally
            {
                SetSynchronous(_settings.Durability);
            }
        }

        _reportDue = false;
        Interlocked.Exchange(ref _unsavedBoot, 0);
        _held.RemoveRange(0, fromHeld);
        if (_storageError is not null && _held.Count == 0)
        {
            _storageError = null;
            // Best effort: where the reserve does not fit yet it is tried again after the next failure has passed.
            _reserve.Restore();
            StorageConditionChanged?.Invoke(false, null);
        }
        foreach (var pending in batch)
        {
            if (pending.Envelope is { } envelope && !pending.CallerFailed)
                pending.Completion.TrySetResult(envelope);
        }
        if (batch.Count > 0)
            _doorbell.Writer.TryWrite(true);
    }

    private void HoldAfterFailure(List<PendingAppend> batch, int fromHeld, SqliteException error)
    {
        var full = error.SqliteErrorCode == SqliteFull;
        var message = StorageErrorMessage(error);
        var wasFailing = _storageError is not null;
        _storageError = message;
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
            CheckpointIntoReserve();
        if (!wasFailing)
            StorageConditionChanged?.Invoke(true, message);
    }

    /// <summary>On a full disk the WAL may hold the space the outbox needs: the reserve is given up so a checkpoint can
    /// copy the WAL into the database and truncate it; the retry then writes into what that freed. Only when the WAL
    /// holds something, so an outbox started on a full disk (empty WAL) keeps its reserve. Called under the gate.</summary>
    private void CheckpointIntoReserve()
    {
        if (!File.Exists(_walPath) || new FileInfo(_walPath).Length == 0)
            return;
        _reserve.Release();
        try
        {
            _connection.Execute("PRAGMA wal_checkpoint(TRUNCATE);");
        }
        catch (SqliteException)
        {
            // Still no room: the retry fails too and the events stay held until space returns.
        }
    }

    private static string StorageErrorMessage(SqliteException error) => error.SqliteErrorCode == SqliteFull
        ? $"the disk holding the outbox is full ({error.Message})"
        : $"the outbox file cannot be written ({error.Message})";

    /// <summary>Writes a boot number counted while the disk was full (never lowering one saved since).</summary>
    private void SaveBoot(SqliteTransaction transaction)
    {
        var boot = Interlocked.Read(ref _unsavedBoot);
        if (boot == 0)
            return;
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO device_state (key, value) VALUES ('boot', $boot)
            ON CONFLICT (key) DO UPDATE SET value = max(value, excluded.value);
            """;
        command.Parameters.AddWithValue("$boot", boot);
        command.ExecuteNonQuery();
    }

    private void Insert(SqliteTransaction transaction, PendingAppend pending, bool makeRoom = true)
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
        if (makeRoom && !MakeRoom(transaction, domainEvent.Priority, payload.Length))
        {
            // Nothing less important left to shed: this (non-critical) event is the one shed. It keeps its seq so the
            // overflow report accounts for the gap.
            _shed.Add(seq, domainEvent.Type, Stopwatch.GetTimestamp());
            _shedTotal++;
            pending.Envelope = envelope;
            return;
        }

        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO outbox (seq, id, type, topic, priority, payload, created_at)
            VALUES ($seq, $id, $type, $topic, $priority, $payload, $created);
            """;
        command.Parameters.AddWithValue("$seq", seq);
        command.Parameters.AddWithValue("$id", envelope.Id.ToString());
        command.Parameters.AddWithValue("$type", domainEvent.Type);
        command.Parameters.AddWithValue("$topic", $"{_device.TopicRoot}/{domainEvent.TopicSuffix}");
        command.Parameters.AddWithValue("$priority", (int)domainEvent.Priority);
        command.Parameters.AddWithValue("$payload", payload);
        command.Parameters.AddWithValue("$created", WireNames.Timestamp(domainEvent.Timestamp));
        command.ExecuteNonQuery();
        _lastInsertedSeq = seq;
        _rows++;
        _bytes += payload.Length;
        pending.Envelope = envelope;
    }

    /// <summary>Frees space for one row: delivered/dead rows first (oldest first), then pending rows of the lowest priority
    /// that is not more important than the new one (oldest first). False when the new event itself must be shed.</summary>
    private bool MakeRoom(SqliteTransaction transaction, EventPriority priority, int size)
    {
        while (_rows + 1 > _settings.MaxRows || _bytes + size > _settings.MaxBytes)
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
        using (var query = _connection.CreateCommand())
        {
            query.Transaction = transaction;
            query.CommandText = select;
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
        using var delete = _connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM outbox WHERE seq = $seq;";
        delete.Parameters.AddWithValue("$seq", seq);
        delete.ExecuteNonQuery();
        _rows--;
        _bytes -= size;
        if (shedding)
        {
            _shed.Add(seq, type, Stopwatch.GetTimestamp());
            _shedTotal++;
        }
        return true;
    }

    /// <summary>A shed incoming event took a seq without a row; AUTOINCREMENT only remembers inserted rows, so the
    /// sequence is moved on explicitly, or a restart would hand that seq out again.</summary>
    private void KeepSequence(SqliteTransaction transaction)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE sqlite_sequence SET seq = $seq WHERE name = 'outbox';
            INSERT INTO sqlite_sequence (name, seq) SELECT 'outbox', $seq WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'outbox');
            """;
        command.Parameters.AddWithValue("$seq", _lastSeq);
        command.ExecuteNonQuery();
        _lastInsertedSeq = _lastSeq;
    }

    private void FlushOverflowReportIfDue()
    {
        if (_shed.IsEmpty || _storageError is not null)
            return;
        if (Stopwatch.GetElapsedTime(_shed.StartedAt) < _settings.OverflowReportInterval)
            return;
        _reportDue = true;
        WriteBatch([]);
    }

    private void InsertOverflowReportIfDue(SqliteTransaction transaction)
    {
        if (_shed.IsEmpty)
            return;
        if (Stopwatch.GetElapsedTime(_shed.StartedAt) < _settings.OverflowReportInterval)
            return;
        // Room for the report is made first, so what it sheds is in the report itself (and does not start another).
        MakeRoom(transaction, EventPriority.Critical, 1024);
        var report = new PendingAppend(_shed.ToEvent(_time.GetUtcNow(), _settings.MaxRows, _settings.MaxBytes));
        _shed.Clear();
        Insert(transaction, report, makeRoom: false);
    }

    private void ApplyMarks(SqliteTransaction transaction, List<(long Seq, string? DeadReason)> marks)
    {
        if (marks.Count == 0)
            return;
        var now = WireNames.Timestamp(_time.GetUtcNow());
        using var delivered = _connection.CreateCommand();
        delivered.Transaction = transaction;
        delivered.CommandText = $"UPDATE outbox SET delivered_at = $now WHERE seq = $seq AND {OutboxSchema.Pending};";
        var deliveredSeq = delivered.Parameters.Add("$seq", SqliteType.Integer);
        delivered.Parameters.AddWithValue("$now", now);
        using var dead = _connection.CreateCommand();
        dead.Transaction = transaction;
        dead.CommandText = $"UPDATE outbox SET dead_at = $now, dead_reason = $reason WHERE seq = $seq AND {OutboxSchema.Pending};";
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

    /// <summary>Commits queued delivery marks before a read, so readers see them. Called under the lock. Marks need no
    /// fsync of their own: one lost in a power cut only means a duplicate delivery.</summary>
    private void CommitMarks()
    {
        if (_marks.IsEmpty)
            return;
        var marks = new List<(long Seq, string? DeadReason)>();
        while (_marks.TryDequeue(out var mark))
            marks.Add(mark);
        try
        {
            SetSynchronous(SqliteDurability.Normal);
            using var transaction = _connection.BeginTransaction();
            ApplyMarks(transaction, marks);
            transaction.Commit();
        }
        catch (SqliteException)
        {
            // Disk full: the marks wait for the writer's next successful batch.
            foreach (var mark in marks)
                _marks.Enqueue(mark);
        }
        finally
        {
            SetSynchronous(_settings.Durability);
        }
    }

    private void CommitMarksQuietly()
    {
        try
        {
            CommitMarks();
        }
        catch (SqliteException)
        {
            // Closing anyway; undelivered marks mean duplicates after restart, never loss.
        }
    }

    private SqliteDurability _synchronous = SqliteDurability.Full;

    private void SetSynchronous(SqliteDurability durability)
    {
        // In WAL mode a NORMAL commit skips the fsync; the next FULL commit's fsync covers its frames too.
        if (_settings.Durability == SqliteDurability.Normal || _synchronous == durability)
            return;
        _connection.Execute(durability == SqliteDurability.Full ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;");
        _synchronous = durability;
    }

    private void PruneIfDue()
    {
        if (Stopwatch.GetElapsedTime(_lastPrune) < _settings.PruneInterval || _storageError is not null)
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

    private void FailRemaining()
    {
        while (_appends.TryDequeue(out var pending))
            pending.Completion.TrySetException(new ObjectDisposedException(nameof(SqliteOutbox)));
    }

    private void RecountRows()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT count(*), coalesce(sum(length(payload)), 0) FROM outbox;";
        using var reader = command.ExecuteReader();
        reader.Read();
        _rows = reader.GetInt64(0);
        _bytes = reader.GetInt64(1);
    }

    private static List<OutboxMessage> ReadMessages(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var rows = new List<OutboxMessage>();
        while (reader.Read())
            rows.Add(new OutboxMessage(reader.GetInt64(0), reader.GetString(1), (byte[])reader.GetValue(2)));
        return rows;
    }
}
