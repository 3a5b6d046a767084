using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Host.RemoteCommands;

namespace Mailroom.Edge.Host.Configuration;

/// <summary>Where enrolled credentials come from until the central server syncs them, and how old a list may get.</summary>
public sealed class CredentialOptions
{
    /// <summary>A CSV file (see docs/configuration.md) that replaces the credential list at start, as long as the
    /// server has not synced a list yet; empty for none.</summary>
    public string? SeedCsv { get; set; }

    /// <summary>The oldest the list may be (since it was last loaded or confirmed by the server) before
    /// <see cref="WhenStale"/> applies; none: never stale.</summary>
    public TimeSpan? MaxAge { get; set; }

    /// <summary>What happens past <see cref="MaxAge"/>.</summary>
    public StaleListPolicy WhenStale { get; set; } = StaleListPolicy.KeepGoing;

    /// <summary>A secret: the site's key for the PIN directory (base64, at least 32 bytes). <c>pin_index</c> =
    /// HMAC-SHA256(key, PIN); required when a door admits by PIN alone (PinOnly, CardOrPin). Redacted wherever the
    /// configuration is shown.</summary>
    public string? PinIndexKey { get; set; }

    /// <summary>The parsed <see cref="PinIndexKey"/>; null when unset (the validator has rejected a bad one).</summary>
    public PinIndexKey? EffectivePinIndexKey() => Core.Access.PinIndexKey.TryParse(PinIndexKey, out _);

    /// <summary>How long a snapshot may wait for its next chunk before it is abandoned (and a new one asked for); also
    /// how long a signed authorisation of a sync stays usable.</summary>
    public TimeSpan SnapshotTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>True: a snapshot or delta is applied only when a signed <c>credentials</c> command authorised exactly
    /// its version, count and hash. Unset: true when command keys are configured (and commands are enabled).</summary>
    public bool? RequireSignedSync { get; set; }

    /// <summary>The most bytes of received sync messages held in memory; the rest wait in a spool file.</summary>
    public long SyncMemoryBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Whether sync needs a signed authorisation, with the default applied.</summary>
    public bool EffectiveRequireSignedSync(RemoteCommands.CommandOptions commands) =>
        RequireSignedSync ?? (commands.Enabled && commands.Keys.Count > 0);
}
