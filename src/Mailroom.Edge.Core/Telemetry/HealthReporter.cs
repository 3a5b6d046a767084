namespace Mailroom.Edge.Core.Telemetry;

/// <summary>
/// Publishes <c>{root}/health</c> (retained) on connect and every <see cref="OutboxPublisherOptions.HealthInterval"/>
/// after: the outbox's status, the connection's counters and each <see cref="IHealthContributor"/>'s part. Best effort:
/// a failing probe is reported in the state and never stops delivery.
/// </summary>
public sealed class HealthReporter(BrokerSession session, IOutbox outbox, TimeSpan interval, IEnumerable<IHealthContributor>? contributors = null)
{
    private readonly IReadOnlyList<IHealthContributor> _contributors = contributors?.ToList() ?? [];
    private readonly long _startedAt = session.Time.GetTimestamp();
    private long _nextAt;

    /// <summary>The first report after a CONNACK goes out at once.</summary>
    public void OnConnected() => _nextAt = session.ConnectedAt;

    /// <summary>How long until the next report; null when reports are off.</summary>
    public TimeSpan? DueIn()
    {
        if (interval <= TimeSpan.Zero)
            return null;
        var time = session.Time;
        return TimeSpan.FromSeconds((_nextAt - time.GetTimestamp()) / (double)time.TimestampFrequency);
    }

    public void PublishIfDue()
    {
        var time = session.Time;
        if (interval <= TimeSpan.Zero || time.GetTimestamp() < _nextAt)
            return;
        _nextAt = time.GetTimestamp() + (long)(interval.TotalSeconds * time.TimestampFrequency);
        byte[] payload;
        try
        {
            payload = HealthReport.Serialize(
                time.GetUtcNow(), session.Boot, time.GetElapsedTime(_startedAt), outbox.Status(), session.State, _contributors);
        }
#pragma warning disable CA1031 // Health is best effort: a failing probe must never stop delivery.
        catch (Exception e)
#pragma warning restore CA1031
        {
            session.State.OnError($"health report failed: {e.Message}");
            return;
        }
        if (session.TryPublish(session.Device.HealthTopic, payload, retain: true))
            session.State.OnHealthPublished();
    }
}
