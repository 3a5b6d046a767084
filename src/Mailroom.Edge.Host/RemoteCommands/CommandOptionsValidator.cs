namespace Mailroom.Edge.Host.RemoteCommands;

/// <summary>The <c>Commands:*</c> part of the configuration check; messages start with the key they are about.</summary>
internal static class CommandOptionsValidator
{
    public static void Check(List<string> errors, CommandOptions c)
    {
        if (c.MaxPayloadBytes is < 512 or > 256 * 1024)
            errors.Add($"Commands:MaxPayloadBytes: {c.MaxPayloadBytes} is outside 512..262144");
        if (c.MaxLifetime < TimeSpan.FromSeconds(5) || c.MaxLifetime > TimeSpan.FromHours(24))
            errors.Add($"Commands:MaxLifetime: {c.MaxLifetime} is outside 00:00:05..1.00:00:00");
        if (c.ClockSkew < TimeSpan.Zero || c.ClockSkew > TimeSpan.FromMinutes(10))
            errors.Add($"Commands:ClockSkew: {c.ClockSkew} is outside 00:00:00..00:10:00");
        if (c.ConnectQuietPeriod < TimeSpan.Zero || c.ConnectQuietPeriod > TimeSpan.FromMinutes(5))
            errors.Add($"Commands:ConnectQuietPeriod: {c.ConnectQuietPeriod} is outside 00:00:00..00:05:00");
        if (c.MaxUnlockDuration < TimeSpan.FromMilliseconds(100) || c.MaxUnlockDuration > TimeSpan.FromMinutes(5))
            errors.Add($"Commands:MaxUnlockDuration: {c.MaxUnlockDuration} is outside 00:00:00.1..00:05:00");
        if (c.RefusalAlarmThreshold < 1)
            errors.Add("Commands:RefusalAlarmThreshold: must be at least 1");
        if (c.RefusalWindow < TimeSpan.FromSeconds(1))
            errors.Add("Commands:RefusalWindow: must be at least 00:00:01");
        foreach (var (name, key) in c.Keys)
        {
            if (!Core.Commands.CommandEnvelopeParser.IsIdentifier(name))
                errors.Add($"Commands:Keys:{name}: the key name must be 1-64 characters of a-z, A-Z, 0-9, '-' or '_'");
            try
            {
                using var _ = Core.Commands.CommandKeyRing.ImportPublicKey(key.PublicKey);
            }
            catch (ArgumentException e)
            {
                errors.Add($"Commands:Keys:{name}:PublicKey: {e.Message}");
            }
        }
    }
}
