using System.Text.Json;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Host.Assessment;
using Mailroom.Edge.Host.Cli;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.RemoteCommands;

namespace Mailroom.Edge.Host.Installer;

/// <summary>
/// The Config and Assessment views: what <c>config check</c> says of the running configuration (without reopening the
/// lines the agent holds), the effective configuration with the same redaction as the <c>config</c> command, and the
/// security self-assessment's findings with the fix.
/// </summary>
public sealed class InstallerReports(EdgeOptions options, ICredentialListInfo list, TimeProvider time)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public string ConfigCheck()
    {
        using var output = new StringWriter();
        try
        {
            ConfigVerb.Report(options, null, output);
        }
        catch (ConfigurationException e)
        {
            output.WriteLine($"configuration error: {e.Message}");
        }
        return output.ToString();
    }

    public string EffectiveConfiguration()
    {
        using var document = JsonDocument.Parse(ConfigCommandHandler.Effective(options));
        return JsonSerializer.Serialize(document.RootElement, Indented);
    }

    public IReadOnlyList<Finding> Findings() => SiteFactsProbe.AssessNow(options, null, time, list.Status);
}
