using System.Text.RegularExpressions;
using Mailroom.Edge.Core.Readers.Wiegand;
using Microsoft.Extensions.Options;

namespace Mailroom.Edge.Host.Configuration;

/// <summary>
/// Checks the whole configuration before anything touches a line. Every message starts with the configuration key it
/// is about, e.g. <c>Doors:front:GrantTime</c>, and says what is wrong.
/// </summary>
public sealed partial class EdgeOptionsValidator : IValidateOptions<EdgeOptions>
{
    private static readonly TimeSpan MaxGrantTime = TimeSpan.FromMinutes(5);

    public ValidateOptionsResult Validate(string? name, EdgeOptions options)
    {
        var errors = Check(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static List<string> Check(EdgeOptions o)
    {
        var errors = new List<string>();
        RequireTopicName(errors, "Site", o.Site);
        RequireTopicName(errors, "Device", o.Device);
        if (string.IsNullOrWhiteSpace(o.DataDirectory))
            errors.Add("DataDirectory: is empty; set the folder for the SQLite files (e.g. /var/lib/mailroom-edge)");

        CheckMqtt(errors, o.Mqtt);
        if (string.IsNullOrWhiteSpace(o.Gpio.Chip))
            errors.Add("Gpio:Chip: is empty; set 'simulated' or a device such as /dev/gpiochip0");
        if (o.Gpio.EventBufferSize is < 16 or > 4096)
            errors.Add($"Gpio:EventBufferSize: {o.Gpio.EventBufferSize} is outside 16..4096");

        var lineUse = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (door, d) in o.Doors)
        {
            var key = $"Doors:{door}";
            RequireTopicName(errors, key, door);
            if (d.GrantTime <= TimeSpan.Zero || d.GrantTime > MaxGrantTime)
                errors.Add($"{key}:GrantTime: {d.GrantTime} is outside 00:00:00.1..{MaxGrantTime}");
            ClaimLine(errors, lineUse, $"{key}:Strike:Line", d.Strike.Line);
        }
        foreach (var (reader, r) in o.Readers)
        {
            var key = $"Readers:{reader}";
            RequireTopicName(errors, key, reader);
            if (!o.Doors.ContainsKey(r.Door))
                errors.Add($"{key}:Door: '{r.Door}' is not a configured door (doors: {Names(o.Doors.Keys)})");
            ClaimLine(errors, lineUse, $"{key}:D0", r.D0);
            ClaimLine(errors, lineUse, $"{key}:D1", r.D1);
            for (var i = 0; i < r.Formats.Count; i++)
            {
                if (CardFormats.Find(r.Formats[i]) is null)
                    errors.Add($"{key}:Formats:{i}: '{r.Formats[i]}' is not a known card format ({Names(CardFormats.All.Select(f => f.Name))})");
            }
        }
        if (o.Credentials.SeedCsv is { Length: > 0 } seed && !File.Exists(seed))
            errors.Add($"Credentials:SeedCsv: the file '{seed}' does not exist");
        Commands.CommandOptionsValidator.Check(errors, o.Commands);
        if (o.Logs.FileSizeLimitBytes < 64 * 1024)
            errors.Add("Logs:FileSizeLimitBytes: must be at least 65536");
        if (o.Logs.RetainedFileCount < 1)
            errors.Add("Logs:RetainedFileCount: must be at least 1");
        return errors;
    }

    private static void CheckMqtt(List<string> errors, MqttOptions m)
    {
        if (string.IsNullOrWhiteSpace(m.Host))
            errors.Add("Mqtt:Host: is empty; set the broker's host name or address");
        if (m.Port is < 1 or > 65535)
            errors.Add($"Mqtt:Port: {m.Port} is not a TCP port (1..65535)");
        if (m.ProtocolVersion is not (4 or 5))
            errors.Add($"Mqtt:ProtocolVersion: {m.ProtocolVersion} must be 5 (MQTT 5) or 4 (MQTT 3.1.1)");
        if (m.KeepAlive < TimeSpan.FromSeconds(5) || m.KeepAlive > TimeSpan.FromHours(18))
            errors.Add($"Mqtt:KeepAlive: {m.KeepAlive} is outside 00:00:05..18:00:00");
        if (m.ReconnectDelayMin < TimeSpan.FromMilliseconds(100) || m.ReconnectDelayMax < m.ReconnectDelayMin)
            errors.Add("Mqtt:ReconnectDelayMin/Max: need 00:00:00.1 <= ReconnectDelayMin <= ReconnectDelayMax");
        if (m.InflightWindow is < 1 or > 65535)
            errors.Add($"Mqtt:InflightWindow: {m.InflightWindow} is outside 1..65535");
    }

    private static void ClaimLine(List<string> errors, Dictionary<string, string> used, string key, string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            errors.Add($"{key}: is empty; name a GPIO line (e.g. GPIO17) or its offset");
            return;
        }
        if (used.TryGetValue(line.Trim(), out var other))
            errors.Add($"{key}: line '{line}' is already used by {other}");
        else
            used[line.Trim()] = key;
    }

    private static void RequireTopicName(List<string> errors, string key, string value)
    {
        if (!TopicName().IsMatch(value ?? ""))
            errors.Add($"{key}: '{value}' must be 1-64 characters of a-z, A-Z, 0-9, '-' or '_' (it is part of MQTT topics)");
    }

    private static string Names(IEnumerable<string> names)
    {
        var list = string.Join(", ", names);
        return list.Length == 0 ? "none" : list;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex TopicName();
}
