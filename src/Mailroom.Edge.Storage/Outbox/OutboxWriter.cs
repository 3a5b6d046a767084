using System.Collections.Concurrent;
using System.Threading.Channels;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Mailroom.Edge.Storage.Outbox;

/// <summary>
/// The writer thread and its group commit: appends queue here and are committed in batches, every append completing
/// only after the transaction holding it committed, so one fsync serves everyone who arrived meanwhile. A batch also
/// carries the queued marks, a boot number counted on a full disk and a due overflow report; when it fails, its
/// appends are held (<see cref="OutboxStorageHold"/>) and retried first. Between batches the writer prunes.
/// </summary>
internal sealed class OutboxWriter : IDisposable
{
    private readonly OutboxConnection _store;
    private readonly OutboxSettings _settings;
    private readonly OutboxMarks _marks;
    private readonly OutboxShedding _shedding;
    private readonly OutboxAppender _appender;
    private readonly OutboxOverflowReport _report;
    private readonly OutboxStorageHold _hold;
    private readonly BootCounter _boot;
    private readonly OutboxPruning _pruning;
    private readonly ConcurrentQueue<PendingAppend> _appends = new();
    private readonly AutoResetEvent _wake = new(false);
    private readonly Channel<bool> _doorbell = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Thread _thread;
    private volatile bool _stopping;

    public OutboxWriter(
        OutboxConnection store,
        OutboxSettings settings,
        OutboxMarks marks,
        OutboxShedding shedding,
        OutboxAppender appender,
        OutboxStorageHold hold,
        BootCounter boot,
        OutboxPruning pruning,
        TimeProvider time)
    {
        _store = store;
        _settings = settings;
        _marks = marks;
        _shedding = shedding;
        _appender = appender;
        _hold = hold;
        _boot = boot;
        _pruning = pruning;
        _report = new OutboxOverflowReport(shedding, appender, settings, time);
        _thread = new Thread(Run) { IsBackground = true, Name = "outbox-writer" };
        _thread.Start();
    }

    public bool Stopping => _stopping;

    public void Enqueue(PendingAppend pending)
    {
        _appends.Enqueue(pending);
        _wake.Set();
    }

    /// <summary>Something is waiting for the writer (marks, a boot number to save).</summary>
    public void Wake() => _wake.Set();

    public ValueTask WaitForAppendAsync(CancellationToken cancellationToken) =>
        _doorbell.Reader.TryRead(out _) ? ValueTask.CompletedTask : WaitAsync(cancellationToken);

    /// <summary>Writes what is queued, fails what arrives after, and ends the thread.</summary>
    public void Dispose()
    {
        _stopping = true;
        _wake.Set();
        _thread.Join();
        _wake.Dispose();
    }

    private async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        await _doorbell.Reader.WaitToReadAsync(cancellationToken);
        _doorbell.Reader.TryRead(out _);
    }

    private void Run()
    {
        var batch = new List<PendingAppend>(_settings.MaxBatch);
        while (true)
        {
            var stopping = _stopping;
            // While storage fails, queued marks alone must not spin the loop: they wait for the retry.
            if (_appends.IsEmpty && (_marks.IsEmpty || _hold.Failing) && !stopping)
                _wake.WaitOne(NextWakeDelay());
            do
            {
                WriteBatch(batch);
            }
            while (!_appends.IsEmpty && !_hold.Failing);
            FlushOverflowReportIfDue();
            _pruning.PruneIfDue(_hold.Failing);
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
        if (_hold.Held.Count > 0 || _hold.Failing)
            delay = Min(delay, _settings.StorageRetryInterval);
        if (_report.DueIn is { } due)
            delay = Min(delay, due);
        return delay;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>A report due while no append comes is written in a batch of its own.</summary>
    private void FlushOverflowReportIfDue()
    {
        if (_hold.Failing || !_report.Due)
            return;
        _report.Request();
        WriteBatch([]);
    }

    private void WriteBatch(List<PendingAppend> batch)
    {
        batch.Clear();
        // Events held during a disk-full spell go first, so they keep their place in seq order.
        batch.AddRange(_hold.Held.Take(_settings.MaxBatch));
        var fromHeld = batch.Count;
        // New appends are always taken too (even behind a full held batch), so while the disk is full they fail fast.
        while (batch.Count - fromHeld < _settings.MaxBatch && _appends.TryDequeue(out var next))
            batch.Add(next);
        if (batch.Count == 0 && _marks.IsEmpty && !_report.Requested && !_boot.HasUnsaved)
            return;

        _appender.BeginBatch();
        _shedding.BeginBatch();
        _marks.BeginBatch();
        lock (_store.Gate)
        {
            var marks = _marks.TakeAll();
            try
            {
                var appended = batch.Count > 0;
                _store.SetSynchronous(appended ? _settings.Durability : SqliteDurability.Normal);
                using var transaction = _store.Connection.BeginTransaction();
                _marks.Apply(transaction, marks);
                _boot.SaveUnsaved(transaction);
                foreach (var pending in batch)
                    _appender.Insert(transaction, pending);
                _appender.KeepSequence(transaction);
                if ((appended && _appends.IsEmpty) || _report.Requested)
                    _report.InsertIfDue(transaction);
                transaction.Commit();
            }
            catch (SqliteException e)
            {
                _appender.RollBackBatch();
                _shedding.RollBackBatch();
                _marks.RollBackBatch();
                _marks.Requeue(marks);
                _hold.HoldAfterFailure(_store, batch, fromHeld, e);
                return;
            }
            finally
            {
                _store.RestoreSynchronous();
            }
        }

        _report.Written();
        _boot.Saved();
        _hold.Committed(fromHeld);
        foreach (var pending in batch)
        {
            if (pending.Envelope is { } envelope && !pending.CallerFailed)
                pending.Completion.TrySetResult(envelope);
        }
        if (batch.Count > 0)
            _doorbell.Writer.TryWrite(true);
    }

    private void FailRemaining()
    {
        while (_appends.TryDequeue(out var pending))
            pending.Completion.TrySetException(new ObjectDisposedException(nameof(SqliteOutbox)));
    }
}
