using Mailroom.Edge.Host.RemoteCommands;

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

    /// <summary>The site's own card formats by name, in addition to the shipped ones (docs/card-formats.md).</summary>
    public Dictionary<string, CardFormatOptions> CardFormats { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public CredentialOptions Credentials { get; set; } = new();

    /// <summary>Named weekly schedules used by access groups and door mode schedules.</summary>
    public Dictionary<string, ScheduleOptions> Schedules { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Access groups; when none are configured, every valid credential opens every door.</summary>
    public Dictionary<string, AccessGroupOptions> AccessGroups { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Interlock (mantrap) groups: of the doors in one group, only one may be unlocked or open at a time.</summary>
    public Dictionary<string, List<string>> Interlocks { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, AuxInputOptions> AuxInputs { get; set; } = new(StringComparer.Ordinal);

    public ClockOptions Clock { get; set; } = new();

    public OutboxOptions Outbox { get; set; } = new();

    public LogOptions Logs { get; set; } = new();

    /// <summary>Cameras by name; none configured means no recording at all.</summary>
    public Dictionary<string, CameraOptions> Cameras { get; set; } = new(StringComparer.Ordinal);

    public VideoOptions Video { get; set; } = new();

    public RemoteCommands.CommandOptions Commands { get; set; } = new();

    /// <summary>The site's limits for the security self-assessment (<c>mailroom-edge assess</c>).</summary>
    public AssessmentOptions Assessment { get; set; } = new();

    /// <summary>The installer's page (off until <c>mailroom-edge installer enable</c>).</summary>
    public InstallerOptions Installer { get; set; } = new();
}
