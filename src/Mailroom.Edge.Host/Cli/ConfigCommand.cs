using System.CommandLine;
using Mailroom.Edge.Host.Configuration;

namespace Mailroom.Edge.Host.Cli;

/// <summary><c>mailroom-edge config check</c>: the same validation the service does at start, printed.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var check = new Command("check", "Validate the configuration and print the result");
        check.Options.Add(CommonOptions.Config);
        check.Options.Add(CommonOptions.Set);
        check.SetAction(parse =>
        {
            try
            {
                var options = EdgeConfiguration.Load(EdgeConfiguration.Build(parse.GetValue(CommonOptions.Config), parse.GetValue(CommonOptions.Set) ?? []));
                Console.WriteLine($"configuration ok: site {options.Site}, device {options.Device}, {options.Doors.Count} door(s), {options.Readers.Count} reader(s), chip {options.Gpio.Chip}, broker {options.Mqtt.Host}:{options.Mqtt.Port}");
                return ExitCodes.Ok;
            }
            catch (ConfigurationException e)
            {
                Console.Error.WriteLine($"configuration error:{Environment.NewLine}{e.Message}");
                return ExitCodes.BadConfiguration;
            }
        });
        var command = new Command("config", "Configuration tools");
        command.Subcommands.Add(check);
        return command;
    }
}
