using System.CommandLine;

namespace Mailroom.Edge.Host.Cli;

/// <summary>Options shared by the verbs that read the configuration.</summary>
internal static class CommonOptions
{
    public static readonly Option<string?> Config = new("--config")
    {
        Description = "Configuration file to use instead of /etc/mailroom-edge/mailroom-edge.json",
    };

    public static readonly Option<string[]> Set = new("--set")
    {
        Description = "Override one setting, e.g. --set Mqtt:Port=1884 (repeatable; highest precedence)",
        AllowMultipleArgumentsPerToken = false,
    };
}
