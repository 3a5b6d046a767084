namespace Mailroom.Edge.Core.Telemetry;

/// <summary>Tuning of the <see cref="OutboxPublisher"/> (see docs/configuration.md, <c>Mqtt:*</c>).</summary>
public sealed record OutboxPublisherOptions
{
    /// <summary>QoS 1 messages awaiting PUBACK at once.</summary>
    public int InflightWindow { get; init; } = 64;

    /// <summary>A message published before the latest CONNACK and still unacknowledged this long after it is published
    /// again under a new packet id: libmosquitto should have resent it, and if it did not, only a republish avoids loss.</summary>
    public TimeSpan RepublishAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often <c>{root}/health</c> is published; zero turns it off.</summary>
    public TimeSpan HealthInterval { get; init; } = TimeSpan.FromSeconds(60);
}
