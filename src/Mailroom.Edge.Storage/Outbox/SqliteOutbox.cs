using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Storage.Sqlite;

namespace Mailroom.Edge.Storage.Outbox;

/// <summary>
/// The store-and-forward outbox in one SQLite file (WAL). Appends go to one writer thread that commits them in batches
/// (group commit, <see cref="OutboxWriter"/>): every append still returns only after the transaction holding it has
/// committed, but one fsync serves everyone who arrived meanwhile, so throughput grows with load. Each append gets the
/// next per-device <c>seq</c> and a UUIDv7 id. The outbox is bounded in rows and bytes (lowest priority shed first,
/// Critical never, <see cref="OutboxShedding"/>) and keeps delivered rows for a replay window (<see cref="OutboxPruning"/>).
/// When the disk is full the append fails with <see cref="EventNotDurableException"/>, the event is held in memory
/// (bounded) and written when space returns (<see cref="OutboxStorageHold"/>). One connection; every statement runs under
/// one lock (<see cref="OutboxConnection"/>).
/// </summary>
public sealed class SqliteOutbox : IEventSink, IOutbox, IDisposable
{
    private readonly OutboxConnection _store;
    private readonly OutboxStorageHold _hold;
    private readonly OutboxMarks _marks;
    private readonly OutboxShedding _shedding;
    private readonly BootCounter _boot;
    private readonly OutboxReplayReader _replay;
    private readonly OutboxPruning _pruning;
    private readonly OutboxWriter _writer;

    public SqliteOutbox(string path, DeviceIdentity device, TimeProvider time, SqliteDurability durability = SqliteDurability.Full)
        : this(path, device, time, new OutboxSettings { Durability = durability })
    {
    }

    public SqliteOutbox(string path, DeviceIdentity device, TimeProvider time, OutboxSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _hold = new OutboxStorageHold(path, settings);
        _store = new OutboxConnection(path, settings.Durability);
        _marks = new OutboxMarks(_store, time);
        _shedding = new OutboxShedding(_store, settings);
        var appender = new OutboxAppender(_store, _shedding, device, time);
        _shedding.Recount();
        _boot = new BootCounter(_store, _hold);
        _replay = new OutboxReplayReader(_store, _marks, appender);
        _pruning = new OutboxPruning(_store, _marks, _shedding, settings, time);
        _writer = new OutboxWriter(_store, settings, _marks, _shedding, appender, _hold, _boot, _pruning, time);
    }

    /// <summary>Raised (on the writer thread) when the storage starts or stops failing; handlers must be quick.</summary>
    public event Action<bool, string?>? StorageConditionChanged
    {
        add => _hold.ConditionChanged += value;
        remove => _hold.ConditionChanged -= value;
    }

    /// <summary>Counts this process start and returns the new boot number (1 on the first start). On a full disk the
    /// number is still counted, in memory, and written with the first batch that commits, so the agent starts and reports
    /// the storage failure from its first health message on.</summary>
    public long IncrementBootCounter()
    {
        var boot = _boot.Increment(out var saved);
        // The writer retries on its storage interval; the saved boot number is what ends the failure.
        if (!saved)
            _writer.Wake();
        return boot;
    }

    public ValueTask<EventEnvelope> AppendAsync(DomainEvent domainEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        ObjectDisposedException.ThrowIf(_writer.Stopping, this);
        var pending = new PendingAppend(domainEvent);
        _writer.Enqueue(pending);
        // Once queued the write happens whatever the token says: a half-cancelled append would be a lie either way.
        return new ValueTask<EventEnvelope>(pending.Completion.Task);
    }

    public IReadOnlyList<OutboxMessage> ReadPending(long afterSeq, int max)
    {
        lock (_store.Gate)
        {
            _marks.CommitQueued();
            using var command = _store.Command(null, $"""
                SELECT seq, topic, payload FROM outbox
                WHERE {OutboxSchema.Pending} AND seq > $after ORDER BY seq LIMIT $max;
                """);
            command.Parameters.AddWithValue("$after", afterSeq);
            command.Parameters.AddWithValue("$max", max);
            return OutboxReplayReader.ReadMessages(command);
        }
    }

    /// <summary>The rows with <c>seq</c> in <paramref name="fromSeq"/>..<paramref name="toSeq"/> still kept, delivered
    /// or not (a consumer asking for a gap again). Shed and pruned rows are simply absent.</summary>
    public IReadOnlyList<OutboxMessage> ReadRange(long fromSeq, long toSeq, int max = 1000) => _replay.ReadRange(fromSeq, toSeq, max);

    /// <summary>How the rows with <c>seq</c> in <paramref name="fromSeq"/>..<paramref name="toSeq"/> stand: delivered,
    /// still pending, dead-lettered; the rest of the span is no longer kept (pruned, shed) or not yet written.</summary>
    public OutboxRangeCensus CountRange(long fromSeq, long toSeq) => _replay.CountRange(fromSeq, toSeq);

    /// <summary>Up to <paramref name="max"/> delivered rows with <c>seq</c> in <paramref name="fromSeq"/>..<paramref name="toSeq"/>,
    /// ascending: what a replay sends again (pending rows are on their way anyway, dead ones would be refused again).</summary>
    public IReadOnlyList<OutboxMessage> ReadDelivered(long fromSeq, long toSeq, int max) => _replay.ReadDelivered(fromSeq, toSeq, max);

    public void MarkDelivered(long seq)
    {
        _marks.Enqueue(seq, null);
        _writer.Wake();
    }

    public void MarkDeadLettered(long seq, string reason)
    {
        _marks.Enqueue(seq, reason);
        _writer.Wake();
    }

    public ValueTask WaitForAppendAsync(CancellationToken cancellationToken) => _writer.WaitForAppendAsync(cancellationToken);

    /// <summary>Rows not yet acknowledged by the broker (nor dead).</summary>
    public long PendingCount()
    {
        lock (_store.Gate)
        {
            _marks.CommitQueued();
            return _store.Connection.Scalar<long>($"SELECT count(*) FROM outbox WHERE {OutboxSchema.Pending}");
        }
    }

    public OutboxStatus Status()
    {
        lock (_store.Gate)
        {
            _marks.CommitQueued();
            var pending = _store.Connection.Scalar<long>($"SELECT count(*) FROM outbox WHERE {OutboxSchema.Pending}");
            var oldest = _store.Connection.Scalar<string>($"SELECT created_at FROM outbox WHERE {OutboxSchema.Pending} ORDER BY seq LIMIT 1");
            var error = _hold.Error;
            return new OutboxStatus(
                pending,
                oldest is null ? null : DateTimeOffset.Parse(oldest, System.Globalization.CultureInfo.InvariantCulture),
                _shedding.Rows, _shedding.Bytes, _shedding.ShedTotal, _marks.DeadTotal, error is not null, _hold.Held.Count, error);
        }
    }

    /// <summary>For tests: prunes now instead of on the writer's <see cref="OutboxSettings.PruneInterval"/> (a test on a
    /// fake clock cannot wait for it); returns how many rows went.</summary>
    internal long Prune() => _pruning.Prune();

    /// <summary>For disk-full tests: caps the file at <paramref name="pages"/> pages. <c>PRAGMA max_page_count</c> holds
    /// for one connection only, so only the outbox's own can set it.</summary>
    internal long LimitPages(long pages)
    {
        lock (_store.Gate)
            return _store.Connection.Scalar<long>($"PRAGMA max_page_count = {pages};");
    }

    internal long PageCount()
    {
        lock (_store.Gate)
            return _store.Connection.Scalar<long>("PRAGMA page_count;");
    }

    public void Dispose()
    {
        if (_writer.Stopping)
            return;
        _writer.Dispose();
        lock (_store.Gate)
        {
            _marks.CommitQueuedQuietly();
            _store.Dispose();
        }
    }
}
