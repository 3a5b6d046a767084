using System.CommandLine;
using Mailroom.Edge.Host.Configuration;

namespace Mailroom.Edge.Host.Cli;

/// <summary>Loads the configuration for a verb from <c>--config</c> and <c>--set</c>, printing problems the one way
/// every verb prints them.</summary>
internal static class CommandConfiguration
{
    public static EdgeOptions? TryLoad(ParseResult parse)
    {
        try
        {
            return EdgeConfiguration.Load(EdgeConfiguration.Build(parse.GetValue(CommonOptions.Config), parse.GetValue(CommonOptions.Set) ?? []));
        }
        catch (ConfigurationException e)
        {
            PrintError(e);
            return null;
        }
    }

    public static void PrintError(ConfigurationException e) =>
        Console.Error.WriteLine($"configuration error:{Environment.NewLine}{e.Message}");
}
