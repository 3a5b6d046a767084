namespace Mailroom.Edge.Host.Configuration;

/// <summary>The agent's whole configuration, bound from the layered sources (see docs/configuration.md).</summary>
public sealed class EdgeOptions
{
    /// <summary>Site name: second level of every topic, <c>mailroom/v1/{Site}/{Device}</c>.</summary>
    public string Site { get; set; } = "";

    /// <summary>Device name, unique within the site.</summary>
    public string Device { get; set; } = "";

    /// <summary>Where the SQLite files live (outbox, credentials).</summary>
    public string DataDirectory { get; set; } = "/var/lib/mailroom-edge";

    public MqttOptions Mqtt { get; set; } = new();

    public GpioOptions Gpio { get; set; } = new();

    public Dictionary<string, DoorOptions> Doors { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, ReaderOptions> Readers { get; set; } = new(StringComparer.Ordinal);

    public CredentialOptions Credentials { get; set; } = new();

    public OutboxOptions Outbox { get; set; } = new();

    public LogOptions Logs { get; set; } = new();

    public Commands.CommandOptions Commands { get; set; } = new();
}
