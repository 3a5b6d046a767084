using System.CommandLine;
using Mailroom.Edge.Host.Agent;
using Mailroom.Edge.Host.Configuration;
using Microsoft.Extensions.Hosting;

namespace Mailroom.Edge.Host.Cli;

/// <summary><c>mailroom-edge run</c>: the service. The configuration is validated before any line is touched.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "Run the agent (the default when no verb is given)");
        command.Options.Add(CommonOptions.Config);
        command.Options.Add(CommonOptions.Set);
        command.SetAction(async (parse, cancellationToken) =>
        {
            EdgeOptions options;
            try
            {
                options = EdgeConfiguration.Load(EdgeConfiguration.Build(parse.GetValue(CommonOptions.Config), parse.GetValue(CommonOptions.Set) ?? []));
            }
            catch (ConfigurationException e)
            {
                await Console.Error.WriteLineAsync($"configuration error:{Environment.NewLine}{e.Message}");
                return ExitCodes.BadConfiguration;
            }
            using var host = EdgeAgentHost.Build(options);
            await host.RunAsync(cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }
}
