using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Telemetry;

/// <summary>The publisher's rules with a fake transport and a manual clock: dead letters, the in-flight republish rule.</summary>
public sealed class OutboxPublisherTests : IAsyncDisposable
{
    private readonly ManualTimeProvider _time = new();
    private readonly FakeTransport _transport = new();
    private readonly MemoryOutbox _outbox = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly OutboxPublisher _publisher;
    private Task? _loop;

    public OutboxPublisherTests() =>
        _publisher = TestPublisher.Build(_outbox, _transport, new DeviceIdentity("hq", "edge-1"), _time,
            new OutboxPublisherOptions { InflightWindow = 10, RepublishAfter = TimeSpan.FromSeconds(30), HealthInterval = TimeSpan.Zero },
            _outbox);

    private void Run() => _loop = Task.Run(() => _publisher.RunAsync(_stop.Token));

    private Task WaitUntil(Func<bool> condition) => PublisherConditions.WaitUntil(_publisher, _transport, _outbox, condition);

    private List<int> EventIds() => _transport.Published.Where(p => p.Topic.Contains("/event/", StringComparison.Ordinal)).Select(p => p.Id).ToList();

    [Fact]
    public async Task A_failure_reason_code_dead_letters_the_row_with_an_alarm_and_it_is_not_sent_again()
    {
        _outbox.Add(2);
        Run();
        _transport.Post(new MqttConnected(false));
        await WaitUntil(() => EventIds().Count == 2);
        var ids = EventIds();

        _transport.Post(new MqttPublishAcknowledged(ids[0], 0x87));
        _transport.Post(new MqttPublishAcknowledged(ids[1], 0x00));
        await WaitUntil(() => _publisher.State.Refused == 1 && _publisher.State.Delivered == 1);

        Assert.Contains(1, _outbox.Dead.Keys);
        Assert.Contains(2L, _outbox.Delivered);
        await WaitUntil(() => _outbox.Appended.OfType<OutboxDeadLetterEvent>().Any());
        var alarm = _outbox.Appended.OfType<OutboxDeadLetterEvent>().Single();
        Assert.Equal(1, alarm.DeadSeq);
        Assert.Equal(0x87, alarm.ReasonCode);
        Assert.Equal(EventCategory.Alarm, alarm.Category);
    }

    [Fact]
    public async Task Messages_still_unacknowledged_long_after_a_reconnect_are_republished_and_then_delivered()
    {
        _outbox.Add(3);
        Run();
        _transport.Post(new MqttConnected(false));
        await WaitUntil(() => EventIds().Count == 3);
        _transport.Post(new MqttDisconnected(7, "lost"));
        await WaitUntil(() => !_publisher.State.Connected);
        _transport.Post(new MqttConnected(true));
        await WaitUntil(() => _publisher.State.Connects == 2);
        // Advance only once the publisher waits on its republish timer: it computes the delay from "now" and then sets
        // the timer, so an advance in between would push the timer late (this failed once in a clean-clone run).
        await _time.WaitForTimerDueByAsync(_time.GetUtcNow() + TimeSpan.FromSeconds(30)).WaitAsync(TimeSpan.FromSeconds(10));

        // Within the grace period libmosquitto's own resend is trusted: nothing is published again.
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(3, EventIds().Count);
        _time.Advance(TimeSpan.FromSeconds(2));
        await WaitUntil(() => _publisher.State.Republished == 3);
        var again = EventIds().Skip(3).ToList();
        Assert.Equal(3, again.Count);

        foreach (var id in again)
            _transport.Post(new MqttPublishAcknowledged(id, 0));
        await WaitUntil(() => _publisher.State.Delivered == 3);
        Assert.Equal([1L, 2L, 3L], _outbox.Delivered.Order());
    }

    [Fact]
    public async Task Messages_sent_on_the_current_connection_are_never_republished_however_slow_the_ack()
    {
        _outbox.Add(2);
        Run();
        _transport.Post(new MqttConnected(false));
        await WaitUntil(() => EventIds().Count == 2);
        _time.Advance(TimeSpan.FromMinutes(5));
        _transport.Post(new MqttPublishAcknowledged(EventIds()[0], 0));
        await WaitUntil(() => _publisher.State.Delivered == 1);
        Assert.Equal(2, EventIds().Count);
        Assert.Equal(0, _publisher.State.Republished);
    }

    [Fact]
    public async Task Subscribed_only_once_every_subscription_of_this_connection_is_acknowledged_and_a_refusal_names_the_acl()
    {
        _transport.SubscriptionCount = 2;
        Run();
        _transport.Post(new MqttConnected(false));
        _transport.Post(new MqttSubscribed(1, [1]));
        await WaitUntil(() => _publisher.State.Subscriptions == 1);
        Assert.False(_publisher.State.Subscribed);

        _transport.Post(new MqttSubscribed(2, [0x87]));
        await WaitUntil(() => _publisher.State.Subscriptions == 2);
        Assert.True(_publisher.State.Subscribed);
        Assert.Contains("refused a subscription (SUBACK 0x87)", _publisher.State.LastError, StringComparison.Ordinal);

        // A new connection subscribes again: nothing counts until its own acknowledgements.
        _transport.Post(new MqttDisconnected(7, "lost"));
        _transport.Post(new MqttConnected(true));
        await WaitUntil(() => _publisher.State.Connects == 2);
        Assert.False(_publisher.State.Subscribed);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
            await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }
}
