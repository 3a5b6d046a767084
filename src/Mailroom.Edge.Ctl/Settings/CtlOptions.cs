using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace Mailroom.Edge.Ctl.Settings;

/// <summary>The options every verb shares, and how they combine with the settings file (a flag wins).</summary>
internal static class CtlOptions
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static readonly Option<string?> Config = new("--config") { Description = "Settings file (default ~/.config/mailroomctl.json)" };
    public static readonly Option<string?> Broker = new("--broker") { Description = "MQTT broker as HOST:PORT" };
    public static readonly Option<string?> Site = new("--site") { Description = "Site name" };
    public static readonly Option<string?> TlsCa = new("--tls-ca") { Description = "TLS: PEM file of the site CA (turns TLS on)" };
    public static readonly Option<string?> TlsCert = new("--tls-cert") { Description = "TLS: operator client certificate (PEM)" };
    public static readonly Option<string?> TlsKey = new("--tls-key") { Description = "TLS: its private key (PEM)" };
    public static readonly Option<string?> KeyName = new("--key-name") { Description = "Name of the signing key as the agents know it (the issuer)" };
    public static readonly Option<string?> KeyFile = new("--key") { Description = "PEM private key file" };

    public static void AddTo(Command command, bool withKey)
    {
        command.Options.Add(Config);
        command.Options.Add(Broker);
        command.Options.Add(Site);
        command.Options.Add(TlsCa);
        command.Options.Add(TlsCert);
        command.Options.Add(TlsKey);
        if (withKey)
        {
            command.Options.Add(KeyName);
            command.Options.Add(KeyFile);
        }
    }

    /// <summary>The settings file (if any) with the flags applied; throws <see cref="CtlUsageException"/> on a bad file.</summary>
    public static CtlSettings Resolve(ParseResult parse)
    {
        var path = parse.GetValue(Config) ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "mailroomctl.json");
        var settings = new CtlSettings();
        if (File.Exists(path))
        {
            try
            {
                settings = JsonSerializer.Deserialize<CtlSettings>(File.ReadAllText(path), Json) ?? settings;
            }
            catch (JsonException e)
            {
                throw new CtlUsageException($"--config: {path}: {e.Message}");
            }
        }
        else if (parse.GetValue(Config) is not null)
        {
            throw new CtlUsageException($"--config: the file '{path}' does not exist");
        }
        settings.Broker = parse.GetValue(Broker) ?? settings.Broker;
        settings.Site = parse.GetValue(Site) ?? settings.Site;
        settings.Tls ??= new CtlTlsSettings();
        settings.Tls.CaFile = parse.GetValue(TlsCa) ?? settings.Tls.CaFile;
        settings.Tls.CertFile = parse.GetValue(TlsCert) ?? settings.Tls.CertFile;
        settings.Tls.KeyFile = parse.GetValue(TlsKey) ?? settings.Tls.KeyFile;
        if (parse.GetResult(KeyName) is not null || parse.GetResult(KeyFile) is not null)
        {
            settings.KeyName = parse.GetValue(KeyName) ?? settings.KeyName;
            settings.KeyFile = parse.GetValue(KeyFile) ?? settings.KeyFile;
        }
        return settings;
    }

    public static (string Host, int Port) BrokerAddress(CtlSettings settings)
    {
        var colon = settings.Broker.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(settings.Broker[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            throw new CtlUsageException($"--broker: '{settings.Broker}' must be HOST:PORT, e.g. 127.0.0.1:1883");
        return (settings.Broker[..colon], port);
    }

    public static string RequireSite(CtlSettings settings) =>
        settings.Site ?? throw new CtlUsageException("--site: no site given (flag or settings file)");
}
