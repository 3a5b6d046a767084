using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Telemetry;

/// <summary>Replayed copies of delivered events: they only use the in-flight room live rows leave, and their
/// acknowledgements never touch the outbox.</summary>
public sealed class OutboxPublisherReplayTests : IAsyncDisposable
{
    private readonly ManualTimeProvider _time = new();
    private readonly FakeTransport _transport = new();
    private readonly MemoryOutbox _outbox = new();
    private readonly ReplayQueue _replays = new(capacity: 100);
    private readonly CancellationTokenSource _stop = new();
    private readonly OutboxPublisher _publisher;
    private Task? _loop;

    public OutboxPublisherReplayTests() =>
        _publisher = TestPublisher.Build(_outbox, _transport, new DeviceIdentity("hq", "edge-1"), _time,
            new OutboxPublisherOptions { InflightWindow = 10, HealthInterval = TimeSpan.Zero },
            _outbox, _replays);

    private void QueueReplays(params long[] seqs)
    {
        Assert.True(_replays.TryReserve(seqs.Length));
        foreach (var seq in seqs)
            _replays.Enqueue(new OutboxMessage(seq, "root/event/door", [0xAA, (byte)seq]));
    }

    private List<(int Id, string Topic, byte[] Payload)> Replayed() => _transport.Published.Where(p => p.Topic == "root/event/door").ToList();

    private List<(int Id, string Topic, byte[] Payload)> Live() => _transport.Published.Where(p => p.Topic == "root/event/access").ToList();

    private Task WaitUntil(Func<bool> condition) => PublisherConditions.WaitUntil(_publisher, _transport, _outbox, condition);

    [Fact]
    public async Task Replays_take_only_the_room_live_rows_leave_and_are_sent_byte_for_byte()
    {
        _outbox.Add(8);
        QueueReplays(100, 101, 102, 103, 104);
        _loop = Task.Run(() => _publisher.RunAsync(_stop.Token));
        _transport.Post(new MqttConnected(false));

        // The window holds 10: the 8 live rows and 2 replays. (The retained status message sent on connect is not
        // tracked, so the 10th publish is not yet the last one: wait for what the window holds, not a total.)
        await WaitUntil(() => Live().Count == 8 && Replayed().Count == 2);
        Assert.Equal(2, Replayed().Count);
        Assert.Equal([0xAA, 100], Replayed()[0].Payload);
        Assert.Equal(3, _replays.Count);

        _transport.Post(new MqttPublishAcknowledged(Live()[0].Id, 0));
        await WaitUntil(() => Replayed().Count == 3);
        Assert.Equal([0xAA, 102], Replayed()[2].Payload);
    }

    [Fact]
    public async Task A_replay_acknowledgement_neither_delivers_nor_dead_letters_an_outbox_row()
    {
        QueueReplays(1, 2);
        _loop = Task.Run(() => _publisher.RunAsync(_stop.Token));
        _transport.Post(new MqttConnected(false));
        await WaitUntil(() => Replayed().Count == 2);

        _transport.Post(new MqttPublishAcknowledged(Replayed()[0].Id, 0x00));
        _transport.Post(new MqttPublishAcknowledged(Replayed()[1].Id, 0x97));
        await WaitUntil(() => _publisher.State.Replayed == 1 && _publisher.State.ReplayFailed == 1);

        Assert.Empty(_outbox.Delivered);
        Assert.Empty(_outbox.Dead);
        Assert.Equal(0, _publisher.State.Delivered);
        Assert.Empty(_outbox.Appended.OfType<OutboxDeadLetterEvent>());
        Assert.Equal(0, _replays.Count);
    }

    [Fact]
    public void A_replay_that_does_not_fit_is_refused_whole()
    {
        var queue = new ReplayQueue(capacity: 5);
        Assert.True(queue.TryReserve(3));
        Assert.False(queue.TryReserve(3));
        queue.Release(1);
        Assert.True(queue.TryReserve(3));
        Assert.Equal(5, queue.Count);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
            await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }
}
