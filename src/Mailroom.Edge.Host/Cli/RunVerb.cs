using System.CommandLine;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Host.Composition;
using Mailroom.Edge.Host.Configuration;
using Microsoft.Extensions.Hosting;

namespace Mailroom.Edge.Host.Cli;

/// <summary><c>mailroom-edge run</c>: the service. The configuration is validated before any line is touched.</summary>
internal static class RunVerb
{
    public static Command Create()
    {
        var command = new Command("run", "Run the agent (the default when no verb is given)");
        command.Options.Add(CommonOptions.Config);
        command.Options.Add(CommonOptions.Set);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (VerbConfiguration.TryLoad(parse) is not { } options)
                return ExitCodes.BadConfiguration;
            using var host = EdgeAgentHost.Build(options);
            try
            {
                await host.RunAsync(cancellationToken);
                return ExitCodes.Ok;
            }
            catch (ConfigurationException e)
            {
                VerbConfiguration.PrintError(e);
                return ExitCodes.BadConfiguration;
            }
            catch (GpioException e)
            {
                await Console.Error.WriteLineAsync($"GPIO error (Gpio:Chip '{options.Gpio.Chip}'): {e.Message}");
                return ExitCodes.Failed;
            }
        });
        return command;
    }
}
