using System.CommandLine;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Osdp;
using Mailroom.Edge.Core.Text;

namespace Mailroom.Edge.Host.Cli;

/// <summary>
/// <c>mailroom-edge osdp install --reader NAME [--for 10m]</c>: asks the running agent to let one OSDP reader start on
/// the default key SCBK-D for a while, give it a fresh key of its own at once, and leave install mode when that is done
/// or the time is up (docs/osdp.md, "Install mode"). Every step is an event. <c>osdp scan</c>: see <see cref="OsdpScan"/>; <c>osdp watch</c>: see <see cref="OsdpWatch"/>.
/// </summary>
internal static class OsdpVerb
{
    public static Command Create()
    {
        var readerOption = new Option<string>("--reader") { Description = "Configured OSDP reader name", Required = true };
        var forOption = new Option<TimeSpan>("--for")
        {
            Description = "How long install mode may last, 30s to 1h (e.g. 10m)",
            DefaultValueFactory = _ => OsdpInstallWindow.Default,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (DurationText.TryParse(text, out var window))
                    return window;
                result.AddError($"--for: '{text}' is not a duration ({DurationText.Examples})");
                return default;
            },
        };
        var install = new Command("install", "Let a new OSDP reader be given its own Secure Channel key (time-limited)");
        install.Options.Add(readerOption);
        install.Options.Add(forOption);
        install.Options.Add(CommonOptions.Config);
        install.Options.Add(CommonOptions.Set);
        install.SetAction(parse => VerbConfiguration.TryLoad(parse) is { } options
            ? Install(options, parse.GetValue(readerOption)!, parse.GetValue(forOption), Console.Out, Console.Error)
            : ExitCodes.BadConfiguration);

        var portOption = new Option<string>("--port") { Description = "Serial device of the bus, e.g. /dev/ttyUSB0", Required = true };
        var baudOption = new Option<int?>("--baud") { Description = "Only this speed (default: 9600, 19200, 38400, 57600, 115200, 230400 in turn)" };
        var everyOption = new Option<bool>("--every-address") { Description = "Ask addresses 0-126 one by one (for a bus with several readers) instead of the broadcast address" };
        var scan = new Command("scan", "List the OSDP readers that answer on a serial port (stop the agent first)");
        scan.Options.Add(portOption);
        scan.Options.Add(baudOption);
        scan.Options.Add(everyOption);
        scan.SetAction(parse => OsdpScan.Run(parse.GetValue(portOption)!,
            parse.GetValue(baudOption) is { } baud ? [baud] : SerialOsdpLink.SupportedBauds, parse.GetValue(everyOption), Console.Out, Console.Error));

        var watchReader = new Option<string>("--reader") { Description = "Configured OSDP reader name", Required = true };
        var watch = new Command("watch", "Talk to one OSDP reader as the agent would and print its traffic live (stop the agent first)");
        watch.Options.Add(watchReader);
        watch.Options.Add(CommonOptions.Config);
        watch.Options.Add(CommonOptions.Set);
        watch.SetAction((parse, cancellationToken) => Task.FromResult(VerbConfiguration.TryLoad(parse) is { } options
            ? OsdpWatch.Run(options, parse.GetValue(watchReader)!, Console.Out, Console.Error, cancellationToken)
            : ExitCodes.BadConfiguration));

        var command = new Command("osdp", "OSDP reader tools for installers");
        command.Subcommands.Add(install);
        command.Subcommands.Add(scan);
        command.Subcommands.Add(watch);
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
