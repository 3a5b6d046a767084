using System.CommandLine;
using System.Text.Json;
using Mailroom.Edge.Host.Assessment;

namespace Mailroom.Edge.Host.Cli;

/// <summary><c>mailroom-edge assess [--config PATH] [--json]</c>: the security self-assessment of the site, from the
/// configuration and the device's live state. Exit 0 with no high finding, 1 with one or more, 2 for a bad configuration.</summary>
internal static class AssessVerb
{
    private static readonly Option<bool> Json = new("--json") { Description = "Print the findings as one JSON object" };

    public static Command Create()
    {
        var command = new Command("assess", "Security self-assessment of the site: findings with severity, evidence and the fix");
        command.Options.Add(CommonOptions.Config);
        command.Options.Add(CommonOptions.Set);
        command.Options.Add(Json);
        command.SetAction(parse => Run(parse.GetValue(CommonOptions.Config), parse.GetValue(CommonOptions.Set) ?? [], parse.GetValue(Json), TimeProvider.System, Console.Out, Console.Error));
        return command;
    }

    public static int Run(string? configFile, IEnumerable<string> settings, bool json, TimeProvider time, TextWriter output, TextWriter error)
    {
        if (VerbConfiguration.TryLoad(configFile, settings, error) is not { } options)
            return ExitCodes.BadConfiguration;
        var findings = SiteFactsProbe.AssessNow(options, configFile, time);
        if (json)
            WriteJson(findings, output);
        else
            WriteText(findings, output);
        return findings.Any(f => f.Severity == FindingSeverity.High) ? ExitCodes.Failed : ExitCodes.Ok;
    }

    private static void WriteText(IReadOnlyList<Finding> findings, TextWriter output)
    {
        foreach (var f in findings)
        {
            output.WriteLine($"{f.Severity.ToString().ToUpperInvariant(),-6} {f.Id} ({f.Subject})");
            output.WriteLine($"       evidence: {f.Evidence}");
            output.WriteLine($"       fix: {f.Fix}");
        }
        var (high, medium, low) = SiteAssessment.Count(findings);
        output.WriteLine($"{findings.Count} finding(s): {high} high, {medium} medium, {low} low");
    }

    private static void WriteJson(IReadOnlyList<Finding> findings, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            var (high, medium, low) = SiteAssessment.Count(findings);
            json.WriteStartObject();
            json.WriteNumber("high", high);
            json.WriteNumber("medium", medium);
            json.WriteNumber("low", low);
            json.WriteStartArray("findings");
            foreach (var f in findings)
            {
                json.WriteStartObject();
                json.WriteString("id", f.Id);
                json.WriteString("severity", f.Severity.ToString().ToLowerInvariant());
                json.WriteString("subject", f.Subject);
                json.WriteString("evidence", f.Evidence);
                json.WriteString("fix", f.Fix);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
