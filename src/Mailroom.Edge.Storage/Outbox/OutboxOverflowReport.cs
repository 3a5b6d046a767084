using System.Diagnostics;
using Mailroom.Edge.Core.Events;
using Microsoft.Data.Sqlite;

namespace Mailroom.Edge.Storage.Outbox;

/// <summary>
/// The one <c>system.outbox_overflow</c> event per <see cref="OutboxSettings.OverflowReportInterval"/> that says what was
/// shed since the last. Written with a batch of appends, or on its own once due when no append comes.
/// </summary>
internal sealed class OutboxOverflowReport(OutboxShedding shedding, OutboxAppender appender, OutboxSettings settings, TimeProvider time)
{
    /// <summary>A batch was asked to carry the report even without appends.</summary>
    public bool Requested { get; private set; }

    /// <summary>Whether something was shed and the interval since the first of it has passed.</summary>
    public bool Due => !shedding.Shed.IsEmpty && Stopwatch.GetElapsedTime(shedding.Shed.StartedAt) >= settings.OverflowReportInterval;

    /// <summary>How long until the report is due; null when nothing was shed.</summary>
    public TimeSpan? DueIn
    {
        get
        {
            if (shedding.Shed.IsEmpty)
                return null;
            var due = settings.OverflowReportInterval - Stopwatch.GetElapsedTime(shedding.Shed.StartedAt);
            return due < TimeSpan.Zero ? TimeSpan.Zero : due;
        }
    }

    public void Request() => Requested = true;

    /// <summary>The batch that carried the request committed.</summary>
    public void Written() => Requested = false;

    public void InsertIfDue(SqliteTransaction transaction)
    {
        if (!Due)
            return;
        // Room for the report is made first, so what it sheds is in the report itself (and does not start another).
        shedding.MakeRoom(transaction, EventPriority.Critical, 1024);
        var report = new PendingAppend(shedding.Shed.ToEvent(time.GetUtcNow(), settings.MaxRows, settings.MaxBytes));
        shedding.Shed.Clear();
        appender.Insert(transaction, report, makeRoom: false);
    }
}
