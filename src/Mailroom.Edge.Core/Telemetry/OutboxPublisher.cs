using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Core.Telemetry;

/// <summary>
/// Moves outbox rows to the broker: publishes pending rows in <c>seq</c> order at QoS 1 within a bounded in-flight
/// window and marks a row delivered only when its PUBACK arrives with a success reason code. A single loop both
/// publishes and reads the transport's signals, so a packet id is always recorded before its acknowledgement is
/// handled. Publishes <c>{root}/status</c> online (retained) on every connect.
/// </summary>
public sealed class OutboxPublisher(
    IOutbox outbox,
    IMqttTransport transport,
    DeviceIdentity device,
    long boot,
    TimeProvider time,
    int inflightWindow = 64,
    IIncomingMessageHandler? incoming = null)
{
    private readonly Dictionary<int, long> _inflight = [];
    private long _lastSentSeq;
    private bool _connected;
    private long _connectedAt;

    /// <summary>Connection state and counters, for health and tests.</summary>
    public OutboxPublisherState State { get; } = new();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        transport.Start();
        var signals = transport.Signals;
        while (!cancellationToken.IsCancellationRequested)
        {
            while (signals.TryRead(out var signal))
                Handle(signal);
            if (_connected)
                FillWindow();

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var signalTask = signals.WaitToReadAsync(linked.Token).AsTask();
            var appendTask = _connected && _inflight.Count < inflightWindow
                ? outbox.WaitForAppendAsync(linked.Token).AsTask()
                : Task.Delay(Timeout.InfiniteTimeSpan, time, linked.Token);
            await Task.WhenAny(signalTask, appendTask);
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
                var offline = transport.Publish(device.StatusTopic, EventSerializer.Status(false, boot, time.GetUtcNow()), qos: 1, retain: true);
                using var deadline = new CancellationTokenSource(timeout, time);
                while (await transport.Signals.WaitToReadAsync(deadline.Token))
                {
                    if (transport.Signals.TryRead(out var signal))
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
        await transport.StopAsync();
    }

    private void Handle(MqttSignal signal)
    {
        switch (signal)
        {
            case MqttConnected:
                _connected = true;
                _connectedAt = time.GetTimestamp();
                State.OnConnected(time.GetUtcNow());
                transport.Publish(device.StatusTopic, EventSerializer.Status(true, boot, time.GetUtcNow()), qos: 1, retain: true);
                break;
            case MqttDisconnected d:
                _connected = false;
                State.OnDisconnected(d.Reason);
                break;
            case MqttMessageReceived message:
                incoming?.Accept(message, _connected ? time.GetElapsedTime(_connectedAt) : TimeSpan.Zero);
                break;
            case MqttPublishAcknowledged ack when _inflight.Remove(ack.MessageId, out var seq):
                if (ack.Succeeded)
                {
                    outbox.MarkDelivered(seq);
                    State.OnDelivered();
                }
                else
                {
                    State.OnRefused($"broker refused seq {seq} with reason code 0x{ack.ReasonCode:X2}");
                }
                break;
        }
    }

    private void FillWindow()
    {
        while (_inflight.Count < inflightWindow)
        {
            var batch = outbox.ReadPending(_lastSentSeq, inflightWindow - _inflight.Count);
            if (batch.Count == 0)
                return;
            foreach (var message in batch)
            {
                int messageId;
                try
                {
                    messageId = transport.Publish(message.Topic, message.Payload, qos: 1, retain: false);
                }
                catch (MqttTransportException e) when (e.NotConnected)
                {
                    // The disconnect signal is on its way; the row stays pending and is sent after reconnect.
                    _connected = false;
                    return;
                }
                _inflight[messageId] = message.Seq;
                _lastSentSeq = message.Seq;
            }
        }
    }
}
