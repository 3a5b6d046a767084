using System.Text.Json;
using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Host.RemoteCommands;
using Mailroom.Edge.Storage.Outbox;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Host.Tests.Commands;

/// <summary>What a replay queues and how it accounts for the rest of the span, on a real outbox file.</summary>
public sealed class ReplayCommandHandlerTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly ManualTimeProvider _time = new();
    private readonly SqliteOutbox _outbox;

    public ReplayCommandHandlerTests() =>
        _outbox = new SqliteOutbox(_folder.File("outbox.db"), new DeviceIdentity("hq", "edge-1"), _time,
            new OutboxSettings { ReplayMaxAge = TimeSpan.FromHours(1) });

    private static SignedCommand Replay(long from, long to) => new(
        "r1", CommandNames.Replay, "hq", "edge-1", "ops", 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(1),
        new ReplayArguments(from, to), ReadOnlyMemory<byte>.Empty, []);

    private async Task AppendAsync(int count)
    {
        for (var i = 0; i < count; i++)
            await _outbox.AppendAsync(new CameraUpEvent(_time.GetUtcNow(), $"camera-{i}"));
    }

    [Fact]
    public async Task Delivered_rows_are_queued_and_the_rest_of_the_span_is_accounted_for()
    {
        await AppendAsync(6);
        _outbox.MarkDelivered(1);
        _outbox.MarkDelivered(2);
        _outbox.PendingCount(); // commits the marks now, so they age from this instant
        _time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(2, _outbox.Prune());
        _outbox.MarkDelivered(3);
        _outbox.MarkDeadLettered(4, "refused");
        var queue = new ReplayQueue(capacity: 10);

        var outcome = await new ReplayCommandHandler(_outbox, queue).HandleAsync(Replay(1, 10), CancellationToken.None);

        Assert.Equal(CommandStatus.Accepted, outcome.Status);
        var data = JsonDocument.Parse(outcome.Data!).RootElement;
        Assert.Equal(1, data.GetProperty("replayed").GetInt32());
        Assert.Equal(2, data.GetProperty("pending").GetInt64());
        Assert.Equal(1, data.GetProperty("dead").GetInt64());
        Assert.Equal(2, data.GetProperty("not_kept").GetInt64());
        Assert.Equal(4, data.GetProperty("not_written").GetInt64());
        Assert.True(queue.TryDequeue(out var message));
        Assert.Equal(3, message.Seq);
        Assert.Equal(_outbox.ReadRange(3, 3).Single().Payload, message.Payload);
        Assert.False(queue.TryDequeue(out _));
    }

    [Fact]
    public async Task A_replay_that_does_not_fit_the_queue_is_refused_busy_and_queues_nothing()
    {
        await AppendAsync(3);
        for (var seq = 1; seq <= 3; seq++)
            _outbox.MarkDelivered(seq);
        var queue = new ReplayQueue(capacity: 2);

        var outcome = await new ReplayCommandHandler(_outbox, queue).HandleAsync(Replay(1, 3), CancellationToken.None);

        Assert.Equal(CommandStatus.Rejected, outcome.Status);
        Assert.Equal(CommandReason.Busy, outcome.Reason);
        Assert.Equal(0, queue.Count);
    }

    public void Dispose()
    {
        _outbox.Dispose();
        _folder.Dispose();
    }
}
