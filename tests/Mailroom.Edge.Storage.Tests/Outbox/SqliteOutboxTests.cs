using System.Text.Json;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Storage.Outbox;
using Mailroom.Edge.Testing;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Mailroom.Edge.Storage.Tests.Outbox;

public sealed class SqliteOutboxTests : IDisposable
{
    private static readonly DeviceIdentity Device = new("hq", "edge-1");
    private readonly TempDirectory _folder = new();
    private readonly ManualTimeProvider _time = new();

    private SqliteOutbox Open() => new(_folder.File("outbox.db"), Device, _time);

    [Fact]
    public async Task Seq_starts_at_1_and_keeps_increasing_across_restarts_even_when_everything_was_delivered()
    {
        using (var outbox = Open())
        {
            Assert.Equal(1, (await outbox.AppendAsync(new TestEvent(_time.GetUtcNow(), "a"))).Seq);
            Assert.Equal(2, (await outbox.AppendAsync(new TestEvent(_time.GetUtcNow(), "b"))).Seq);
            outbox.MarkDelivered(1);
            outbox.MarkDelivered(2);
        }
        using (var reopened = Open())
        {
            Assert.Equal(3, (await reopened.AppendAsync(new TestEvent(_time.GetUtcNow(), "c"))).Seq);
        }
    }

    [Fact]
    public async Task The_stored_payload_is_the_v1_event_with_its_envelope()
    {
        using var outbox = Open();
        var envelope = await outbox.AppendAsync(new TestEvent(_time.GetUtcNow(), "hello"));

        var pending = Assert.Single(outbox.ReadPending(0, 10));

        Assert.Equal("mailroom/v1/hq/edge-1/event/system", pending.Topic);
        using var json = JsonDocument.Parse(pending.Payload);
        Assert.Equal(envelope.Id.ToString(), json.RootElement.GetProperty("id").GetString());
        Assert.Equal(7, envelope.Id.Version);
        Assert.Equal(envelope.Seq, json.RootElement.GetProperty("seq").GetInt64());
        Assert.Equal("test.note", json.RootElement.GetProperty("type").GetString());
        Assert.Equal("hello", json.RootElement.GetProperty("note").GetString());
    }

    [Fact]
    public async Task Pending_rows_come_in_seq_order_after_a_given_seq_and_leave_only_when_delivered()
    {
        using var outbox = Open();
        for (var i = 0; i < 5; i++)
            await outbox.AppendAsync(new TestEvent(_time.GetUtcNow(), $"n{i}"));

        Assert.Equal([3L, 4L], outbox.ReadPending(2, 2).Select(m => m.Seq));
        outbox.MarkDelivered(3);

        Assert.Equal([1L, 2L, 4L, 5L], outbox.ReadPending(0, 10).Select(m => m.Seq));
        Assert.True(OutboxFile.RowState(outbox, _folder.File("outbox.db"), 3)!.Delivered);
        Assert.False(OutboxFile.RowState(outbox, _folder.File("outbox.db"), 4)!.Delivered);
        Assert.Null(OutboxFile.RowState(outbox, _folder.File("outbox.db"), 99));
        Assert.Equal(4, outbox.PendingCount());
    }

    [Fact]
    public async Task An_append_is_on_disk_when_it_returns()
    {
        using var outbox = Open();
        await outbox.AppendAsync(new TestEvent(_time.GetUtcNow(), "durable"));

        // A second, independent connection sees the committed row (WAL), as a restarted process would.
        using var other = new SqliteConnection($"Data Source={_folder.File("outbox.db")};Mode=ReadOnly;Pooling=False");
        other.Open();
        using var command = other.CreateCommand();
        command.CommandText = "SELECT count(*) FROM outbox";
        Assert.Equal(1L, command.ExecuteScalar());
    }

    [Fact]
    public async Task The_doorbell_rings_after_an_append()
    {
        using var outbox = Open();
        var waiting = outbox.WaitForAppendAsync(CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);

        await outbox.AppendAsync(new TestEvent(_time.GetUtcNow(), "ring"));

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void The_boot_counter_counts_process_starts()
    {
        using (var outbox = Open())
            Assert.Equal(1, outbox.IncrementBootCounter());
        using (var outbox = Open())
            Assert.Equal(2, outbox.IncrementBootCounter());
    }

    public void Dispose() => _folder.Dispose();
}
