using Microsoft.Extensions.Configuration;

namespace Mailroom.Edge.Host.Configuration;

/// <summary>
/// Builds the layered configuration: shipped defaults (<c>config/mailroom-edge.json</c> next to the executable), then
/// <c>/etc/mailroom-edge/mailroom-edge.json</c> (or the file given with <c>--config</c>), then environment variables
/// prefixed <c>MAILROOM_</c> (<c>__</c> separates levels), then <c>--set Key=Value</c> from the command line.
/// </summary>
public static class EdgeConfiguration
{
    public const string DefaultSiteFile = "/etc/mailroom-edge/mailroom-edge.json";

    public static string ShippedDefaultsFile => Path.Combine(AppContext.BaseDirectory, "config", "mailroom-edge.json");

    public static IConfigurationRoot Build(string? configFile, IEnumerable<string> settings, IDictionary<string, string?>? overrides = null)
    {
        var builder = new ConfigurationBuilder()
            .AddJsonFile(ShippedDefaultsFile, optional: true, reloadOnChange: false);
        if (configFile is not null)
        {
            if (!File.Exists(configFile))
                throw new ConfigurationException($"--config: the file '{configFile}' does not exist");
            builder.AddJsonFile(Path.GetFullPath(configFile), optional: false, reloadOnChange: false);
        }
        else
        {
            builder.AddJsonFile(DefaultSiteFile, optional: true, reloadOnChange: false);
        }
        builder.AddEnvironmentVariables("MAILROOM_");
        if (overrides is not null)
            builder.AddInMemoryCollection(overrides);
        builder.AddInMemoryCollection(ParseSettings(settings));
        return builder.Build();
    }

    /// <summary>Binds and validates; throws <see cref="ConfigurationException"/> listing every problem by key.</summary>
    public static EdgeOptions Load(IConfiguration configuration)
    {
        var options = new EdgeOptions();
        try
        {
            configuration.Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException e)
        {
            // The binder names the key and the type ("Failed to convert configuration value at 'Doors:front:GrantTime'…").
            throw new ConfigurationException(e.InnerException is null ? e.Message : $"{e.Message} {e.InnerException.Message}");
        }
        var errors = EdgeOptionsValidator.Check(options);
        if (errors.Count > 0)
            throw new ConfigurationException(string.Join(Environment.NewLine, errors));
        return options;
    }

    private static Dictionary<string, string?> ParseSettings(IEnumerable<string> settings)
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var setting in settings)
        {
            var eq = setting.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                throw new ConfigurationException($"--set: '{setting}' must be Key=Value, e.g. Mqtt:Port=1884");
            result[setting[..eq].Trim()] = setting[(eq + 1)..];
        }
        return result;
    }
}
