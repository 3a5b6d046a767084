using System.Text.Json;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Storage.Outbox;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Storage.Tests.Outbox;

/// <summary>Group commit, bounds and shedding, disk full, replay window.</summary>
public sealed class OutboxBoundsTests : IDisposable
{
    private static readonly DeviceIdentity Device = new("hq", "edge-1");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _folder = new();
    private readonly ManualTimeProvider _time = new();

    private SqliteOutbox Open(OutboxSettings? settings = null) =>
        new(_folder.File("outbox.db"), Device, _time, settings ?? new OutboxSettings());

    private Task<EventEnvelope> Append(SqliteOutbox outbox, EventPriority level, string name) =>
        outbox.AppendAsync(new PriorityEvent(_time.GetUtcNow(), level, name)).AsTask().WaitAsync(Patience);

    [Fact]
    public async Task Concurrent_appends_are_group_committed_with_unique_gapless_seqs()
    {
        using var outbox = Open();
        var envelopes = await Task.WhenAll(Enumerable.Range(0, 2000).Select(i =>
            Task.Run(() => Append(outbox, EventPriority.Critical, $"n{i}"))));

        Assert.Equal(Enumerable.Range(1, 2000).Select(i => (long)i), envelopes.Select(e => e.Seq).Order());
        Assert.Equal(2000, envelopes.Select(e => e.Id).Distinct().Count());
        Assert.Equal(2000, outbox.PendingCount());
        Assert.Equal("ok", SqliteFile.IntegrityCheck(_folder.File("outbox.db")));
    }

    [Fact]
    public async Task A_full_outbox_sheds_telemetry_first_then_state_and_never_critical_and_reports_it()
    {
        using var outbox = Open(new OutboxSettings { MaxRows = 20, OverflowReportInterval = TimeSpan.Zero });
        var critical = new List<long>();
        var state = new List<long>();
        var telemetry = new List<long>();
        for (var i = 0; i < 5; i++)
            critical.Add((await Append(outbox, EventPriority.Critical, $"c{i}")).Seq);
        for (var i = 0; i < 5; i++)
            state.Add((await Append(outbox, EventPriority.State, $"s{i}")).Seq);
        for (var i = 0; i < 10; i++)
            telemetry.Add((await Append(outbox, EventPriority.Telemetry, $"t{i}")).Seq);

        // Each further append (and each overflow report, itself critical) needs one row: the oldest telemetry goes first.
        telemetry.Add((await Append(outbox, EventPriority.Telemetry, "t10")).Seq);
        Assert.Null(RowState(outbox, telemetry[0]));
        Assert.Null(RowState(outbox, telemetry[1]));
        Assert.All(state, s => Assert.NotNull(RowState(outbox, s)));
        for (var i = 0; i < 4; i++)
            critical.Add((await Append(outbox, EventPriority.Critical, $"c-more{i}")).Seq);
        Assert.All(telemetry.Take(10), t => Assert.Null(RowState(outbox, t)));
        Assert.NotNull(RowState(outbox, telemetry[10]));
        Assert.All(state, s => Assert.NotNull(RowState(outbox, s)));

        // No telemetry left: now state goes, oldest first; an incoming telemetry event is itself the one shed.
        critical.Add((await Append(outbox, EventPriority.Critical, "c-last")).Seq);
        var lateTelemetry = await Append(outbox, EventPriority.Telemetry, "t-late");
        Assert.Null(RowState(outbox, lateTelemetry.Seq));
        Assert.Null(RowState(outbox, telemetry[10]));
        Assert.Null(RowState(outbox, state[0]));
        Assert.NotNull(RowState(outbox, state[^1]));
        Assert.All(critical, c => Assert.NotNull(RowState(outbox, c)));

        // The overflow reports account for every seq that is missing.
        var rows = outbox.ReadRange(1, long.MaxValue);
        var reports = rows.Select(r => JsonDocument.Parse(r.Payload).RootElement)
            .Where(e => e.GetProperty("type").GetString() == "system.outbox_overflow").ToList();
        Assert.NotEmpty(reports);
        var reported = reports.SelectMany(e => e.GetProperty("shed_seq").EnumerateArray()
            .SelectMany(r => Range(r[0].GetInt64(), r[1].GetInt64()))).Order().ToList();
        var present = rows.Select(r => r.Seq).ToHashSet();
        var missing = Enumerable.Range(1, (int)rows.Max(r => r.Seq)).Select(i => (long)i).Where(s => !present.Contains(s)).ToList();
        Assert.Equal(missing, reported);
        Assert.Equal(missing.Count, reports.Sum(e => e.GetProperty("shed").GetInt64()));
    }

    [Fact]
    public async Task A_shed_incoming_seq_is_never_handed_out_again_after_a_restart()
    {
        long shed;
        using (var outbox = Open(new OutboxSettings { MaxRows = 2, OverflowReportInterval = TimeSpan.FromHours(1) }))
        {
            await Append(outbox, EventPriority.Critical, "a");
            await Append(outbox, EventPriority.Critical, "b");
            shed = (await Append(outbox, EventPriority.Telemetry, "shed")).Seq;
            Assert.Null(RowState(outbox, shed));
        }
        using var reopened = Open();
        Assert.Equal(shed + 1, (await Append(reopened, EventPriority.Critical, "c")).Seq);
    }

    [Fact]
    public async Task Disk_full_fails_the_append_clearly_holds_the_event_and_recovers_when_space_returns()
    {
        using var outbox = Open(new OutboxSettings { StorageRetryInterval = TimeSpan.FromMilliseconds(50) });
        var conditions = new SignalRecorder<bool>();
        outbox.StorageConditionChanged += (failing, _) => conditions.Add(failing);
        await Append(outbox, EventPriority.Critical, "before");
        outbox.LimitPages(outbox.PageCount());

        EventNotDurableException? refused = null;
        for (var i = 0; i < 100_000 && refused is null; i++)
        {
            try
            {
                await Append(outbox, EventPriority.Critical, new string('x', 500));
            }
            catch (EventNotDurableException e)
            {
                refused = e;
            }
        }
        Assert.NotNull(refused);
        Assert.True(refused.HeldInMemory);
        Assert.Contains("disk holding the outbox is full", refused.Message, StringComparison.Ordinal);
        await conditions.WaitForAsync(failing => failing, Patience);
        var status = outbox.Status();
        Assert.True(status.StorageFailing);
        Assert.Equal(1, status.HeldInMemory);
        var pendingBefore = outbox.PendingCount();

        outbox.LimitPages(1_000_000);
        await conditions.WaitForAsync(failing => !failing, Patience);

        Assert.False(outbox.Status().StorageFailing);
        Assert.Equal(pendingBefore + 1, outbox.PendingCount());
        Assert.Equal("ok", SqliteFile.IntegrityCheck(_folder.File("outbox.db")));
        await Append(outbox, EventPriority.Critical, "after");
    }

    [Fact]
    public async Task Delivered_rows_stay_for_the_replay_window_then_are_pruned_pending_rows_never()
    {
        using var outbox = Open(new OutboxSettings { ReplayMaxAge = TimeSpan.FromHours(1) });
        for (var i = 0; i < 4; i++)
            await Append(outbox, EventPriority.Telemetry, $"n{i}");
        outbox.MarkDelivered(1);
        outbox.MarkDelivered(2);

        Assert.Equal([1L, 2L, 3L], outbox.ReadRange(1, 3).Select(m => m.Seq));
        Assert.Equal(0, outbox.Prune());
        _time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(2, outbox.Prune());

        Assert.Equal([3L, 4L], outbox.ReadRange(1, 10).Select(m => m.Seq));
        Assert.Equal(2, outbox.PendingCount());
    }

    [Fact]
    public async Task A_replay_span_is_counted_by_state_and_only_delivered_rows_are_read_back()
    {
        using var outbox = Open();
        for (var i = 0; i < 6; i++)
            await Append(outbox, EventPriority.Telemetry, $"n{i}");
        outbox.MarkDelivered(1);
        outbox.MarkDelivered(2);
        outbox.MarkDelivered(4);
        outbox.MarkDeadLettered(5, "refused");

        var census = outbox.CountRange(1, 10);
        var delivered = outbox.ReadDelivered(1, 10, max: 100);

        Assert.Equal(new OutboxRangeCensus(Delivered: 3, Pending: 2, Dead: 1, LastSeq: 6), census);
        Assert.Equal([1L, 2L, 4L], delivered.Select(m => m.Seq));
        Assert.All(delivered, m => Assert.Equal(outbox.ReadRange(m.Seq, m.Seq).Single().Payload, m.Payload));
        Assert.Equal([2L], outbox.ReadDelivered(2, 3, max: 100).Select(m => m.Seq));
        Assert.Equal([1L, 2L], outbox.ReadDelivered(1, 10, max: 2).Select(m => m.Seq));
        Assert.Equal(new OutboxRangeCensus(0, 0, 0, 6), outbox.CountRange(7, 9));
    }

    [Fact]
    public async Task A_dead_lettered_row_is_no_longer_pending_but_kept_with_its_reason()
    {
        using var outbox = Open();
        await Append(outbox, EventPriority.Critical, "refused");
        outbox.MarkDeadLettered(1, "broker refused seq 1 with reason code 0x87");

        Assert.Empty(outbox.ReadPending(0, 10));
        var row = RowState(outbox, 1)!;
        Assert.True(row.Dead);
        Assert.Contains("0x87", row.DeadReason, StringComparison.Ordinal);
        Assert.Equal(1, outbox.Status().DeadLettered);
    }

    private OutboxRowState? RowState(SqliteOutbox outbox, long seq) => OutboxFile.RowState(outbox, _folder.File("outbox.db"), seq);

    private static IEnumerable<long> Range(long first, long last)
    {
        for (var s = first; s <= last; s++)
            yield return s;
    }

    public void Dispose() => _folder.Dispose();
}
