using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Storage.Sqlite;

namespace Mailroom.Edge.Host.Assessment;

/// <summary>The findings of the site around the doors: the broker connection, who may sign commands and credential
/// lists, the list's age, the clock, the outbox's durability and who can read the device's secrets.</summary>
internal static class SiteFindings
{
    public static IEnumerable<Finding> Of(EdgeOptions o, SiteFacts facts)
    {
        var broker = $"broker {o.Mqtt.Host}:{o.Mqtt.Port}";
        if (!o.Mqtt.Tls.Enabled)
        {
            yield return new Finding("broker_without_tls", FindingSeverity.High, broker,
                "Mqtt:Tls:Enabled is false: events, credential lists and commands cross the network in clear, and anyone on the path can read or change them",
                "enable TLS on the broker and set Mqtt:Tls (docs/install.md, docs/security.md)");
        }
        else if (string.IsNullOrEmpty(o.Mqtt.Tls.CertFile) || string.IsNullOrEmpty(o.Mqtt.Tls.KeyFile))
        {
            yield return new Finding("broker_without_client_certificate", FindingSeverity.Medium, broker,
                "the device does not present a client certificate (Mqtt:Tls:CertFile/KeyFile): the broker can only tell it by a password",
                "give each device its own certificate and make the broker require one (require_certificate true)");
        }

        var liveKeys = o.Commands.Keys.Where(k => !k.Value.Revoked).ToList();
        if (o.Commands.Enabled && liveKeys.Count == 0)
        {
            yield return new Finding("no_operator_keys", FindingSeverity.Medium, "Commands:Keys",
                "no operator key is configured: no signed command (remote unlock, lockdown) can be checked, and credential sync is not signed",
                "make a key with mailroomctl keygen and list its public half in Commands:Keys (docs/security.md)");
        }
        if (!o.Credentials.EffectiveRequireSignedSync(o.Commands))
        {
            yield return new Finding("unsigned_credential_sync", FindingSeverity.High, "Credentials:RequireSignedSync",
                "credential lists are applied without a signed authorisation: anyone who can publish to the sync topic can replace the list",
                "configure operator keys and leave Credentials:RequireSignedSync at its default (true)");
        }
        foreach (var (name, key) in liveKeys)
        {
            if (key.Created is not { } created)
            {
                yield return new Finding("operator_key_undated", FindingSeverity.Low, $"operator key {name}",
                    $"Commands:Keys:{name} has no Created date: when it is due for rotation cannot be told",
                    $"set Commands:Keys:{name}:Created to the date the key was made");
            }
            else if (facts.Now - created > o.Assessment.KeyMaxAge)
            {
                yield return new Finding("operator_key_old", FindingSeverity.Medium, $"operator key {name}",
                    $"Commands:Keys:{name} was made {created:yyyy-MM-dd}, more than {o.Assessment.KeyMaxAge.TotalDays:0} days ago (Assessment:KeyMaxAge)",
                    "make a new key, add it, move the operators to it, then revoke this one (docs/security.md, key rotation)");
            }
        }

        if (o.Credentials.MaxAge is not { } maxAge)
        {
            yield return new Finding("credential_list_age_unbounded", FindingSeverity.Low, "Credentials:MaxAge",
                "the credential list has no maximum age: a device cut off from the server keeps admitting revoked cards for ever, unnoticed",
                "set Credentials:MaxAge (and a server that confirms the list at least that often)");
        }
        else if (facts.CredentialList is { UpdatedAt: { } updated } && facts.Now - updated > maxAge)
        {
            yield return new Finding("credential_list_stale", FindingSeverity.High, "credential list",
                $"the live list (version {facts.CredentialList.Version}) was last confirmed {updated:yyyy-MM-dd HH:mm} UTC, longer ago than Credentials:MaxAge ({maxAge})",
                "bring the device back in touch with the server, or push the list (mailroomctl credentials push)");
        }

        if (!string.Equals(o.Clock.Source, "Timesyncd", StringComparison.OrdinalIgnoreCase))
        {
            yield return new Finding("clock_not_checked", FindingSeverity.Medium, "Clock:Source",
                $"Clock:Source is {o.Clock.Source}: the clock is trusted without NTP, so schedules, validity windows and command expiry follow whatever time the device has",
                "run systemd-timesyncd and set Clock:Source to Timesyncd");
        }
        else if (facts.ClockSynchronised == false)
        {
            yield return new Finding("clock_not_synchronised", FindingSeverity.High, "clock",
                "systemd-timesyncd has not synchronised the clock: schedules follow Clock:WhenUnsynchronised",
                "give the device an NTP server it can reach (timedatectl timesync-status)");
        }

        if (facts.InstallerPageUntil is { } pageUntil)
        {
            yield return new Finding("installer_page_on", FindingSeverity.Medium, "installer's page",
                $"the installer's page is on until {pageUntil:yyyy-MM-dd HH:mm} UTC: anyone on the network can try its password",
                "turn it off when the commissioning is done: mailroom-edge installer disable");
        }

        if (o.Outbox.Durability == SqliteDurability.Normal)
        {
            yield return new Finding("outbox_not_durable", FindingSeverity.Medium, "Outbox:Durability",
                "Outbox:Durability is Normal: a power cut can lose the last events (an access or an alarm)",
                "set Outbox:Durability to Full (docs/configuration.md)");
        }

        foreach (var file in facts.Files)
        {
            const UnixFileMode others = UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
            if ((file.Mode & others) != 0)
            {
                yield return new Finding("readable_by_others", FindingSeverity.High, file.Path,
                    $"{file.Holds} is {Describe(file.Mode)}: every user of the device can read{((file.Mode & UnixFileMode.OtherWrite) != 0 ? " and change" : "")} it",
                    $"chmod o-rwx {file.Path} (the package makes the site configuration 0640 and the data folder 0750)");
            }
        }
    }

    private static string Describe(UnixFileMode mode) => "mode " + Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');
}
