using Mailroom.Edge.Core.Commands;

namespace Mailroom.Edge.Host.RemoteCommands;

/// <summary>Remote commands (configuration <c>Commands:*</c>; docs/security.md explains every limit).</summary>
public sealed class CommandOptions
{
    /// <summary>False: the agent does not subscribe to <c>{root}/cmd/+</c> at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Operator public keys by name; the name is the <c>issuer</c> a command names.</summary>
    public Dictionary<string, CommandKeyOptions> Keys { get; set; } = new(StringComparer.Ordinal);

    /// <summary><c>Auto</c> detects NTP synchronisation; <c>Yes</c>/<c>No</c> override it (e.g. a device with an RTC).</summary>
    public ClockTrust ClockSynchronised { get; set; } = ClockTrust.Auto;

    public int MaxPayloadBytes { get; set; } = 8 * 1024;

    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan ConnectQuietPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest <c>unlock</c> a command may ask for.</summary>
    public TimeSpan MaxUnlockDuration { get; set; } = TimeSpan.FromSeconds(30);

    public int RefusalAlarmThreshold { get; set; } = 10;

    public TimeSpan RefusalWindow { get; set; } = TimeSpan.FromMinutes(1);

    public CommandPolicy ToPolicy() => new()
    {
        MaxPayloadBytes = MaxPayloadBytes,
        MaxLifetime = MaxLifetime,
        ClockSkew = ClockSkew,
        ConnectQuietPeriod = ConnectQuietPeriod,
        RefusalAlarmThreshold = RefusalAlarmThreshold,
        RefusalWindow = RefusalWindow,
    };

    /// <summary>The configured keys, imported; throws <see cref="ArgumentException"/> naming the bad key's configuration key.</summary>
    public CommandKeyRing ToKeyRing()
    {
        var keys = new List<CommandKey>();
        foreach (var (name, key) in Keys)
        {
            try
            {
                keys.Add(new CommandKey(name, CommandKeyRing.ImportPublicKey(key.PublicKey), key.Revoked));
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Commands:Keys:{name}:PublicKey: {e.Message}", e);
            }
        }
        return new CommandKeyRing(keys);
    }
}
