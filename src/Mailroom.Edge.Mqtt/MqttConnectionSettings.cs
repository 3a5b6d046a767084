using Mailroom.Edge.Core.Telemetry;

namespace Mailroom.Edge.Mqtt;

/// <summary>Everything a transport needs to connect: broker, identity, will, keepalive and reconnect backoff.</summary>
public sealed record MqttConnectionSettings
{
    public required string Host { get; init; }

    public required int Port { get; init; }

    public required string ClientId { get; init; }

    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>MQTT protocol: 5 (default) or 4 for 3.1.1.</summary>
    public int ProtocolVersion { get; init; } = 5;

    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>The last will: published by the broker if the connection drops without a clean disconnect.</summary>
    public MqttWill? Will { get; init; }

    public TimeSpan ReconnectDelayMin { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Each reconnect delay is drawn at random from [delay × (1 − jitter), delay], so devices that lost the
    /// broker together do not all come back in the same second. 0 turns jitter off.</summary>
    public double ReconnectJitter { get; init; } = 0.5;

    /// <summary>False (default): a persistent session — the broker keeps subscriptions and queued QoS 1 messages across
    /// reconnects for <see cref="SessionExpiry"/>.</summary>
    public bool CleanStart { get; init; }

    /// <summary>MQTT 5 session expiry interval sent in every CONNECT (MQTT 3.1.1 sessions do not expire).</summary>
    public TimeSpan SessionExpiry { get; init; } = TimeSpan.FromDays(1);

    /// <summary>TLS; null for plain TCP.</summary>
    public MqttTlsSettings? Tls { get; init; }

    public TimeSpan ReconnectDelayMax { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many QoS 1 messages may await PUBACK at once.</summary>
    public int MaxInflight { get; init; } = 100;

    /// <summary>Sees every received message before the transport acknowledges it (QoS 1 PUBACK); null for none.</summary>
    public IAcknowledgementGate? AcknowledgementGate { get; init; }
}
