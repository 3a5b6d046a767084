namespace Mailroom.Edge.Host.Configuration;

/// <summary>The central broker connection.</summary>
public sealed class MqttOptions
{
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1883;

    /// <summary>MQTT client id; defaults to <c>mailroom-edge-{Site}-{Device}</c>.</summary>
    public string? ClientId { get; set; }

    /// <summary>5 for MQTT 5 (default) or 4 for MQTT 3.1.1.</summary>
    public int ProtocolVersion { get; set; } = 5;

    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan ReconnectDelayMin { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectDelayMax { get; set; } = TimeSpan.FromSeconds(30);

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>QoS 1 messages awaiting PUBACK at once.</summary>
    public int InflightWindow { get; set; } = 64;

    /// <summary>Fraction of each reconnect delay drawn at random (0..1).</summary>
    public double ReconnectJitter { get; set; } = 0.5;

    /// <summary>False: persistent session (the broker keeps it for SessionExpiry).</summary>
    public bool CleanStart { get; set; }

    /// <summary>MQTT 5 session expiry interval.</summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromDays(1);

    /// <summary>A message sent before the latest reconnect and unacknowledged this long after it is sent again.</summary>
    public TimeSpan RepublishAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Period of <c>{root}/health</c>; zero turns it off.</summary>
    public TimeSpan HealthInterval { get; set; } = TimeSpan.FromSeconds(60);

    public MqttTlsOptions Tls { get; set; } = new();
}
