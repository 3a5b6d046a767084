namespace Mailroom.Edge.Core.Telemetry;

/// <summary>
/// The QoS 1 messages published and awaiting PUBACK, bounded by <see cref="OutboxPublisherOptions.InflightWindow"/>:
/// pending rows are published in <c>seq</c> order into its room and marked delivered only when their PUBACK arrives with
/// a success reason code (MQTT 5: below 0x80); a failure reason code dead-letters the row with an alarm.
/// </summary>
/// <remarks>
/// The packet id → row map survives a reconnect because libmosquitto resends in-flight messages itself under their
/// original ids. Should it not (a message it dropped), a message published before the latest CONNACK and still
/// unacknowledged <see cref="OutboxPublisherOptions.RepublishAfter"/> after it is published again: a duplicate at worst,
/// never a loss (docs/mqtt.md).
/// </remarks>
public sealed class InflightWindow(BrokerSession session, IOutbox outbox, DeadLetterAlarms alarms, OutboxPublisherOptions? options = null)
{
    private readonly OutboxPublisherOptions _options = options ?? new OutboxPublisherOptions();
    private readonly Dictionary<int, InflightMessage> _inflight = [];
    private long _lastSentSeq;

    public bool HasRoom => _inflight.Count < _options.InflightWindow;

    /// <summary>Completes when a row was appended to the outbox since the last call.</summary>
    public ValueTask WaitForAppendAsync(CancellationToken cancellationToken) => outbox.WaitForAppendAsync(cancellationToken);

    /// <summary>Records a replayed copy published under <paramref name="messageId"/>: its acknowledgement changes nothing
    /// in the outbox.</summary>
    public void TrackReplay(int messageId, OutboxMessage message) =>
        _inflight[messageId] = new InflightMessage(message, session.Connection, Replay: true);

    public void Acknowledged(MqttPublishAcknowledged ack)
    {
        if (!_inflight.Remove(ack.MessageId, out var inflight))
            return;
        if (inflight.Replay)
        {
            // The row was delivered before; a refused copy is no reason to dead-letter it.
            session.State.OnReplayed(ack.Succeeded);
            return;
        }
        var seq = inflight.Message.Seq;
        if (ack.Succeeded)
        {
            outbox.MarkDelivered(seq);
            session.State.OnDelivered();
        }
        else
        {
            // Resending a refused message would be refused again, forever, and hold a window slot each time.
            var reason = $"broker refused seq {seq} with reason code 0x{ack.ReasonCode:X2}";
            outbox.MarkDeadLettered(seq, reason);
            session.State.OnRefused(reason);
            alarms.Raise(seq, inflight.Message.Topic, ack.ReasonCode, reason);
        }
    }

    public void FillWithPending()
    {
        while (session.Connected && HasRoom)
        {
            var batch = outbox.ReadPending(_lastSentSeq, _options.InflightWindow - _inflight.Count);
            if (batch.Count == 0)
                return;
            foreach (var message in batch)
            {
                int messageId;
                try
                {
                    messageId = session.Transport.Publish(message.Topic, message.Payload, qos: 1, retain: false);
                }
                catch (MqttTransportException e) when (e.NotConnected)
                {
                    // The disconnect signal is on its way; the row stays pending and is sent after reconnect.
                    session.Lost();
                    return;
                }
                catch (MqttTransportException e)
                {
                    // The client refuses this message itself (too large, bad topic): it would be refused forever.
                    _lastSentSeq = message.Seq;
                    outbox.MarkDeadLettered(message.Seq, e.Message);
                    session.State.OnRefused(e.Message);
                    alarms.Raise(message.Seq, message.Topic, e.ErrorCode, e.Message);
                    continue;
                }
                _inflight[messageId] = new InflightMessage(message, session.Connection);
                _lastSentSeq = message.Seq;
            }
        }
    }

    public void RepublishStale()
    {
        if (!HasStale() || session.ConnectedFor < _options.RepublishAfter)
            return;
        var stale = _inflight.Where(p => p.Value.Connection < session.Connection).OrderBy(p => p.Value.Message.Seq).ToList();
        var republished = 0;
        foreach (var (messageId, entry) in stale)
        {
            int newId;
            try
            {
                newId = session.Transport.Publish(entry.Message.Topic, entry.Message.Payload, qos: 1, retain: false);
            }
            catch (MqttTransportException e) when (e.NotConnected)
            {
                session.Lost();
                break;
            }
            // A late PUBACK for the old id is ignored: the row is marked by whichever id is acknowledged in the map.
            _inflight.Remove(messageId);
            _inflight[newId] = entry with { Connection = session.Connection };
            republished++;
        }
        if (republished > 0)
            session.State.OnRepublished(republished);
    }

    /// <summary>How long until stale messages are republished; null when none is stale.</summary>
    public TimeSpan? RepublishDueIn() => HasStale() ? _options.RepublishAfter - session.ConnectedFor : null;

    private bool HasStale()
    {
        foreach (var entry in _inflight.Values)
        {
            if (entry.Connection < session.Connection)
                return true;
        }
        return false;
    }
}
