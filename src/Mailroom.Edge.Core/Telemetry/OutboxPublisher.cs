namespace Mailroom.Edge.Core.Telemetry;

/// <summary>
/// Moves outbox rows to the broker: the delivery loop. A single loop both publishes and reads the transport's signals,
/// so a packet id is always recorded (<see cref="InflightWindow"/>) before its acknowledgement is handled. Each turn it
/// handles the signals, appends the dead-letter alarms they raised (<see cref="DeadLetterAlarms"/>), then, while
/// connected, republishes stale messages, fills the in-flight window with pending rows and then replays
/// (<see cref="ReplayResponder"/>) and publishes health when due (<see cref="HealthReporter"/>). Received messages go to
/// the <see cref="InboundRouter"/>, which queues them for their consumers without blocking this loop.
/// </summary>
public sealed class OutboxPublisher(
    BrokerSession session,
    InflightWindow window,
    DeadLetterAlarms alarms,
    HealthReporter? health = null,
    InboundRouter? inbound = null,
    ReplayResponder? replays = null)
{
    /// <summary>Connection state and counters, for health and tests.</summary>
    public OutboxPublisherState State => session.State;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var transport = session.Transport;
        var time = session.Time;
        transport.Start();
        var signals = transport.Signals;
        while (!cancellationToken.IsCancellationRequested)
        {
            while (signals.TryRead(out var signal))
                Handle(signal);
            await alarms.AppendAsync(cancellationToken);
            if (session.Connected)
            {
                window.RepublishStale();
                window.FillWithPending();
                replays?.FillWindow();
                health?.PublishIfDue();
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var signalTask = signals.WaitToReadAsync(linked.Token).AsTask();
            var appendTask = session.Connected && window.HasRoom
                ? window.WaitForAppendAsync(linked.Token).AsTask()
                : Task.Delay(Timeout.InfiniteTimeSpan, time, linked.Token);
            var timerTask = Task.Delay(NextDeadline(), time, linked.Token);
            var replayTask = session.Connected && replays is not null && window.HasRoom
                ? replays.WaitAsync(linked.Token)
                : Task.Delay(Timeout.InfiniteTimeSpan, time, linked.Token);
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
        var transport = session.Transport;
        if (session.Connected)
        {
            try
            {
                var offline = session.PublishOffline();
                using var deadline = new CancellationTokenSource(timeout, session.Time);
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
                session.OnConnected();
                health?.OnConnected();
                break;
            case MqttDisconnected disconnected:
                session.OnDisconnected(disconnected);
                break;
            case MqttSubscribed subscribed:
                // A refusal is the broker's ACL saying no: commands or credential lists would never arrive.
                State.OnSubscribed(subscribed.GrantedQos.Any(q => q >= 0x80)
                    ? $"the broker refused a subscription (SUBACK 0x{subscribed.GrantedQos.First(q => q >= 0x80):X2}): check its ACL"
                    : null,
                    session.Transport.SubscriptionCount);
                break;
            case MqttMessageReceived message:
                // Commands need to know how long the connection had been up when a message arrived (the clock rule).
                inbound?.Route(message, session.SinceConnected);
                break;
            case MqttPublishAcknowledged ack:
                window.Acknowledged(ack);
                break;
        }
    }

    private TimeSpan NextDeadline()
    {
        if (!session.Connected)
            return Timeout.InfiniteTimeSpan;
        var next = Timeout.InfiniteTimeSpan;
        if (window.RepublishDueIn() is { } republish)
            next = Positive(republish);
        if (health?.DueIn() is { } report)
        {
            var due = Positive(report);
            next = next == Timeout.InfiniteTimeSpan || due < next ? due : next;
        }
        return next;
    }

    private static TimeSpan Positive(TimeSpan span) => span < TimeSpan.Zero ? TimeSpan.Zero : span;
}
