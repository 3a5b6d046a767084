using System.CommandLine;
using Mailroom.Edge.Host.Configuration;

namespace Mailroom.Edge.Host.Cli;

/// <summary>Loads the configuration for a verb from <c>--config</c> and <c>--set</c>, printing problems the one way
/// every verb prints them.</summary>
internal static class VerbConfiguration
{
    public static EdgeOptions? TryLoad(ParseResult parse) =>
        TryLoad(parse.GetValue(CommonOptions.Config), parse.GetValue(CommonOptions.Set) ?? [], Console.Error);

    /// <summary>The options from <paramref name="configFile"/> (null: the site file) and <c>--set</c> settings, or
    /// null after the problems are printed to <paramref name="error"/>.</summary>
    public static EdgeOptions? TryLoad(string? configFile, IEnumerable<string> settings, TextWriter error)
    {
        try
        {
            return EdgeConfiguration.Load(EdgeConfiguration.Build(configFile, settings));
        }
        catch (ConfigurationException e)
        {
            PrintError(e, error);
            return null;
        }
    }

    public static void PrintError(ConfigurationException e) => PrintError(e, Console.Error);

    public static void PrintError(ConfigurationException e, TextWriter error) =>
        error.WriteLine($"configuration error:{Environment.NewLine}{e.Message}");
}
