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
        var builder = new ConfigurationBuilder();
        AddJsonFile(builder, ShippedDefaultsFile);
        if (configFile is not null)
        {
            if (!File.Exists(configFile))
                throw new ConfigurationException($"--config: the file '{configFile}' does not exist");
            AddJsonFile(builder, Path.GetFullPath(configFile));
        }
        else
        {
            AddJsonFile(builder, DefaultSiteFile);
        }
        builder.AddEnvironmentVariables("MAILROOM_");
        if (overrides is not null)
            builder.AddInMemoryCollection(overrides);
        builder.AddInMemoryCollection(ParseSettings(settings));
        try
        {
            return builder.Build();
        }
        catch (InvalidDataException e)
        {
            // JsonFileCheck reports what it knows with a position; this is the provider's own word for anything else
            // (it names the file), still one message rather than a stack trace.
            throw new ConfigurationException(e.InnerException is null ? e.Message : $"{e.Message} {e.InnerException.Message}", e);
        }
    }

    /// <summary>Adds a file that exists (a missing one is no layer), after checking it reads as a JSON object.</summary>
    private static void AddJsonFile(ConfigurationBuilder builder, string path)
    {
        if (!File.Exists(path))
            return;
        if (JsonFileCheck.Problem(path) is { } problem)
            throw new ConfigurationException(problem);
        builder.AddJsonFile(path, optional: true, reloadOnChange: false);
    }

    /// <summary>Checks every key's shape and value (<see cref="ConfigurationShape"/>), binds and validates; throws
    /// <see cref="ConfigurationException"/> listing every problem by key.</summary>
    public static EdgeOptions Load(IConfiguration configuration)
    {
        var shape = ConfigurationShape.Check(configuration, typeof(EdgeOptions));
        if (shape.Count > 0)
            throw new ConfigurationException(string.Join(Environment.NewLine, shape));
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
