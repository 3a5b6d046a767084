namespace Mailroom.Edge.Core.Telemetry;

/// <summary>
/// Publishes the rows a consumer asked for again (<see cref="ReplayQueue"/>, filled by the <c>replay</c> command) into
/// the room the in-flight window has left after the live rows, so a replay never delays a new event. Best effort: a
/// copy that cannot be published is counted as failed and the consumer, seeing the gap still open, asks again.
/// </summary>
public sealed class ReplayResponder(BrokerSession session, InflightWindow window, ReplayQueue queue)
{
    /// <summary>Completes when a replay was queued since the last call.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => queue.WaitAsync(cancellationToken);

    public void FillWindow()
    {
        while (session.Connected && window.HasRoom && queue.TryDequeue(out var message))
        {
            try
            {
                window.TrackReplay(session.Transport.Publish(message.Topic, message.Payload, qos: 1, retain: false), message);
            }
            catch (MqttTransportException e) when (e.NotConnected)
            {
                session.Lost();
                session.State.OnReplayed(succeeded: false);
            }
            catch (MqttTransportException e)
            {
                session.State.OnReplayed(succeeded: false);
                session.State.OnError(e.Message);
            }
        }
    }
}
