using System.CommandLine;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Host.Osdp;

namespace Mailroom.Edge.Host.Cli;

/// <summary>
/// <c>mailroom-edge osdp install --reader NAME [--for 10m]</c>: asks the running agent to let one OSDP reader start on
/// the default key SCBK-D for a while, give it a fresh key of its own at once, and leave install mode when that is done
/// or the time is up (docs/osdp.md, "Install mode"). Every step is an event.
/// </summary>
internal static class OsdpVerb
{
    public static Command Create()
    {
        var readerOption = new Option<string>("--reader") { Description = "Configured OSDP reader name", Required = true };
        var forOption = new Option<TimeSpan>("--for")
        {
            Description = "How long install mode may last (30 s to 1 h; e.g. 00:10:00)",
            DefaultValueFactory = _ => OsdpInstallWindow.Default,
        };
        var install = new Command("install", "Let a new OSDP reader be given its own Secure Channel key (time-limited)");
        install.Options.Add(readerOption);
        install.Options.Add(forOption);
        install.Options.Add(CommonOptions.Config);
        install.Options.Add(CommonOptions.Set);
        install.SetAction(parse => VerbConfiguration.TryLoad(parse) is { } options
            ? Install(options, parse.GetValue(readerOption)!, parse.GetValue(forOption), Console.Out, Console.Error)
            : ExitCodes.BadConfiguration);

        var command = new Command("osdp", "OSDP reader tools for installers");
        command.Subcommands.Add(install);
        return command;
    }

    internal static int Install(Configuration.EdgeOptions options, string reader, TimeSpan window, TextWriter output, TextWriter error)
    {
        if (!options.Readers.TryGetValue(reader, out var settings) || settings.Kind != ReaderKind.Osdp)
        {
            var osdp = options.Readers.Where(r => r.Value.Kind == ReaderKind.Osdp).Select(r => r.Key);
            error.WriteLine($"osdp install: '{reader}' is not a configured OSDP reader (OSDP readers: {string.Join(", ", osdp)})");
            return ExitCodes.BadConfiguration;
        }
        if (OsdpInstallWindow.Check(window) is { } problem)
        {
            error.WriteLine($"osdp install: --for: {problem}");
            return ExitCodes.BadConfiguration;
        }
        try
        {
            OsdpInstallRequests.Request(options.DataDirectory, reader, window);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"osdp install: cannot reach the agent through {options.DataDirectory}: {e.Message} (run it as root or the service user)");
            return ExitCodes.Failed;
        }
        output.WriteLine($"osdp install: asked the agent to allow the default key on reader {reader} for {window}; watch reader.install_* on the alarm topic, or install_mode in health");
        return ExitCodes.Ok;
    }
}
