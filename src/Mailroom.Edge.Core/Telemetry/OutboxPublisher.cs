using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Core.Telemetry;

/// <summary>
/// Moves outbox rows to the broker: publishes pending rows in <c>seq</c> order at QoS 1 within a bounded in-flight
/// window and marks a row delivered only when its PUBACK arrives with a success reason code (MQTT 5: below 0x80). A
/// failure reason code dead-letters the row and raises a <see cref="OutboxDeadLetterEvent"/> alarm. A single loop both
/// publishes and reads the transport's signals, so a packet id is always recorded before its acknowledgement is handled.
/// Publishes <c>{root}/status</c> online (retained) on every connect and <c>{root}/health</c> every health interval.
/// Received messages are handed to the incoming router and the command intake (when given), which queue them for their
/// consumers without blocking this loop.
/// </summary>
/// <remarks>
/// The packet id → row map survives a reconnect because libmosquitto resends in-flight messages itself under their
/// original ids. Should it not (a message it dropped), a message published before the latest CONNACK and still
/// unacknowledged <see cref="OutboxPublisherOptions.RepublishAfter"/> after it is published again: a duplicate at worst,
/// never a loss (docs/mqtt.md).
/// </remarks>
public sealed class OutboxPublisher
{
    private readonly IOutbox _outbox;
    private readonly IMqttTransport _transport;
    private readonly DeviceIdentity _device;
    private readonly long _boot;
    private readonly TimeProvider _time;
    private readonly OutboxPublisherOptions _options;
    private readonly IEventSink? _alarms;
    private readonly IReadOnlyList<IHealthContributor> _health;
    private readonly IncomingMessageRouter? _incoming;
    private readonly IIncomingMessageHandler? _commands;
    private readonly ReplayQueue? _replays;
    private readonly Dictionary<int, InflightMessage> _inflight = [];
    private readonly List<DomainEvent> _pendingAlarms = [];
    private readonly long _startedAt;
    private long _lastSentSeq;
    private bool _connected;
    private int _connection;
    private long _connectedAt;
    private long _nextHealthAt;

    public OutboxPublisher(
        IOutbox outbox,
        IMqttTransport transport,
        DeviceIdentity device,
        long boot,
        TimeProvider time,
        OutboxPublisherOptions? options = null,
        IEventSink? alarms = null,
        IEnumerable<IHealthContributor>? health = null,
        IncomingMessageRouter? incoming = null,
        IIncomingMessageHandler? commands = null,
        ReplayQueue? replays = null)
    {
        _outbox = outbox;
        _transport = transport;
        _device = device;
        _boot = boot;
        _time = time;
        _options = options ?? new OutboxPublisherOptions();
        _alarms = alarms;
        _health = health?.ToList() ?? [];
        _incoming = incoming;
        _commands = commands;
        _replays = replays;
        _startedAt = time.GetTimestamp();
    }

    /// <summary>Connection state and counters, for health and tests.</summary>
    public OutboxPublisherState State { get; } = new();

    /// <summary>Messages awaiting PUBACK right now (for tests).</summary>
    public int InflightCount => _inflight.Count;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _transport.Start();
        var signals = _transport.Signals;
        while (!cancellationToken.IsCancellationRequested)
        {
            while (signals.TryRead(out var signal))
                Handle(signal);
            await RaiseAlarmsAsync(cancellationToken);
            if (_connected)
            {
                RepublishStale();
                FillWindow();
                PublishHealthIfDue();
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var signalTask = signals.WaitToReadAsync(linked.Token).AsTask();
            var appendTask = _connected && _inflight.Count < _options.InflightWindow
                ? _outbox.WaitForAppendAsync(linked.Token).AsTask()
                : Task.Delay(Timeout.InfiniteTimeSpan, _time, linked.Token);
            var timerTask = Task.Delay(NextDeadline(), _time, linked.Token);
            var replayTask = _connected && _replays is not null && _inflight.Count < _options.InflightWindow
                ? _replays.WaitAsync(linked.Token)
                : Task.Delay(Timeout.InfiniteTimeSpan, _time, linked.Token);
            await Task.WhenAny(signalTask, appendTask, timerTask, replayTask);
            await linked.CancelAsync();
            if (signalTask.IsCompletedSuccessfully && !signalTask.Result)
                return;
        }
    }

    /// <summary>
    /// Ends the session cleanly: publishes <c>offline</c> on the status topic (a clean disconnect suppresses the will),
    /// waits up to <paramref name="timeout"/> for its PUBACK, then disconnects. Call after <see cref="RunAsync"/> ended.
    /// </summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_connected)
        {
            try
            {
                var offline = _transport.Publish(_device.StatusTopic, EventSerializer.Status(false, _boot, _time.GetUtcNow()), qos: 1, retain: true);
                using var deadline = new CancellationTokenSource(timeout, _time);
                while (await _transport.Signals.WaitToReadAsync(deadline.Token))
                {
                    if (_transport.Signals.TryRead(out var signal))
                    {
                        Handle(signal);
                        if (signal is MqttPublishAcknowledged ack && ack.MessageId == offline)
                            break;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // The broker did not acknowledge in time; the disconnect below still happens.
            }
            catch (MqttTransportException)
            {
                // Connection lost meanwhile: the broker publishes the will instead, which says the same.
            }
        }
        await _transport.StopAsync();
    }

    private void Handle(MqttSignal signal)
    {
        switch (signal)
        {
            case MqttConnected:
                _connected = true;
                _connection++;
                _connectedAt = _time.GetTimestamp();
                _nextHealthAt = _connectedAt;
                State.OnConnected(_time.GetUtcNow());
                TryPublish(_device.StatusTopic, EventSerializer.Status(true, _boot, _time.GetUtcNow()), retain: true);
                break;
            case MqttDisconnected d:
                _connected = false;
                State.OnDisconnected(d.Reason);
                break;
            case MqttSubscribed subscribed:
                // A refusal is the broker's ACL saying no: commands or credential lists would never arrive.
                State.OnSubscribed(subscribed.GrantedQos.Any(q => q >= 0x80)
                    ? $"the broker refused a subscription (SUBACK 0x{subscribed.GrantedQos.First(q => q >= 0x80):X2}): check its ACL"
                    : null,
                    _transport.SubscriptionCount);
                break;
            case MqttMessageReceived message:
                _incoming?.Route(message);
                // Commands need to know how long the connection had been up when a message arrived (the clock rule).
                _commands?.Accept(message, _connected ? _time.GetElapsedTime(_connectedAt) : TimeSpan.Zero);
                break;
            case MqttPublishAcknowledged ack when _inflight.Remove(ack.MessageId, out var inflight):
                if (inflight.Replay)
                {
                    // The row was delivered before; a refused copy is no reason to dead-letter it.
                    State.OnReplayed(ack.Succeeded);
                    break;
                }
                var seq = inflight.Message.Seq;
                if (ack.Succeeded)
                {
                    _outbox.MarkDelivered(seq);
                    State.OnDelivered();
                }
                else
                {
                    // Resending a refused message would be refused again, forever, and hold a window slot each time.
                    var reason = $"broker refused seq {seq} with reason code 0x{ack.ReasonCode:X2}";
                    _outbox.MarkDeadLettered(seq, reason);
                    State.OnRefused(reason);
                    _pendingAlarms.Add(new OutboxDeadLetterEvent(_time.GetUtcNow(), seq, inflight.Message.Topic, ack.ReasonCode, reason));
                }
                break;
        }
    }

    private async ValueTask RaiseAlarmsAsync(CancellationToken cancellationToken)
    {
        if (_pendingAlarms.Count == 0)
            return;
        var alarms = _pendingAlarms.ToList();
        _pendingAlarms.Clear();
        foreach (var alarm in alarms)
        {
            try
            {
                if (_alarms is not null)
                    await _alarms.AppendAsync(alarm, cancellationToken);
            }
            catch (EventNotDurableException e)
            {
                State.OnError(e.Message);
            }
        }
    }

    private void RepublishStale()
    {
        if (!HasStale() || _time.GetElapsedTime(_connectedAt) < _options.RepublishAfter)
            return;
        var stale = _inflight.Where(p => p.Value.Connection < _connection).OrderBy(p => p.Value.Message.Seq).ToList();
        var republished = 0;
        foreach (var (messageId, entry) in stale)
        {
            int newId;
            try
            {
                newId = _transport.Publish(entry.Message.Topic, entry.Message.Payload, qos: 1, retain: false);
            }
            catch (MqttTransportException e) when (e.NotConnected)
            {
                _connected = false;
                break;
            }
            // A late PUBACK for the old id is ignored: the row is marked by whichever id is acknowledged in the map.
            _inflight.Remove(messageId);
            _inflight[newId] = entry with { Connection = _connection };
            republished++;
        }
        if (republished > 0)
            State.OnRepublished(republished);
    }

    private bool HasStale()
    {
        foreach (var entry in _inflight.Values)
        {
            if (entry.Connection < _connection)
                return true;
        }
        return false;
    }

    private TimeSpan NextDeadline()
    {
        if (!_connected)
            return Timeout.InfiniteTimeSpan;
        var next = Timeout.InfiniteTimeSpan;
        if (HasStale())
            next = Positive(_options.RepublishAfter - _time.GetElapsedTime(_connectedAt));
        if (_options.HealthInterval > TimeSpan.Zero)
        {
            var health = Positive(TimeSpan.FromSeconds((_nextHealthAt - _time.GetTimestamp()) / (double)_time.TimestampFrequency));
            next = next == Timeout.InfiniteTimeSpan || health < next ? health : next;
        }
        return next;
    }

    private static TimeSpan Positive(TimeSpan span) => span < TimeSpan.Zero ? TimeSpan.Zero : span;

    private void PublishHealthIfDue()
    {
        if (_options.HealthInterval <= TimeSpan.Zero || _time.GetTimestamp() < _nextHealthAt)
            return;
        _nextHealthAt = _time.GetTimestamp() + (long)(_options.HealthInterval.TotalSeconds * _time.TimestampFrequency);
        byte[] payload;
        try
        {
            payload = HealthReport.Serialize(
                _time.GetUtcNow(), _boot, _time.GetElapsedTime(_startedAt), _outbox.Status(), State, _health);
        }
#pragma warning disable CA1031 // Health is best effort: a failing probe must never stop delivery.
        catch (Exception e)
#pragma warning restore CA1031
        {
            State.OnError($"health report failed: {e.Message}");
            return;
        }
        if (TryPublish(_device.HealthTopic, payload, retain: true))
            State.OnHealthPublished();
    }

    private bool TryPublish(string topic, byte[] payload, bool retain)
    {
        try
        {
            // Not tracked: a status or health message lost with the connection is replaced by the next one.
            _transport.Publish(topic, payload, qos: 1, retain);
            return true;
        }
        catch (MqttTransportException e) when (e.NotConnected)
        {
            _connected = false;
            return false;
        }
    }

    private void FillWindow()
    {
        FillWindowWithPending();
        FillWindowWithReplays();
    }

    /// <summary>Replayed copies only take the room live rows left, so a replay never delays a new event.</summary>
    private void FillWindowWithReplays()
    {
        while (_replays is not null && _connected && _inflight.Count < _options.InflightWindow && _replays.TryDequeue(out var message))
        {
            try
            {
                var messageId = _transport.Publish(message.Topic, message.Payload, qos: 1, retain: false);
                _inflight[messageId] = new InflightMessage(message, _connection, Replay: true);
            }
            catch (MqttTransportException e) when (e.NotConnected)
            {
                // A replay is best effort: the consumer sees the gap still open and asks again.
                _connected = false;
                State.OnReplayed(succeeded: false);
            }
            catch (MqttTransportException e)
            {
                State.OnReplayed(succeeded: false);
                State.OnError(e.Message);
            }
        }
    }

    private void FillWindowWithPending()
    {
        while (_connected && _inflight.Count < _options.InflightWindow)
        {
            var batch = _outbox.ReadPending(_lastSentSeq, _options.InflightWindow - _inflight.Count);
            if (batch.Count == 0)
                return;
            foreach (var message in batch)
            {
                int messageId;
                try
                {
                    messageId = _transport.Publish(message.Topic, message.Payload, qos: 1, retain: false);
                }
                catch (MqttTransportException e) when (e.NotConnected)
                {
                    // The disconnect signal is on its way; the row stays pending and is sent after reconnect.
                    _connected = false;
                    return;
                }
                catch (MqttTransportException e)
                {
                    // The client refuses this message itself (too large, bad topic): it would be refused forever.
                    _lastSentSeq = message.Seq;
                    _outbox.MarkDeadLettered(message.Seq, e.Message);
                    State.OnRefused(e.Message);
                    _pendingAlarms.Add(new OutboxDeadLetterEvent(_time.GetUtcNow(), message.Seq, message.Topic, e.ErrorCode, e.Message));
                    continue;
                }
                _inflight[messageId] = new InflightMessage(message, _connection);
                _lastSentSeq = message.Seq;
            }
        }
    }
}
