using Mailroom.Edge.Core.Access;

namespace Mailroom.Edge.Host.Services;

/// <summary>The one wording of the credential list's state, for the startup log, the systemd status line and the
/// <c>credentials status</c> verb.</summary>
public static class CredentialListText
{
    public static string Describe(CredentialFreshness freshness)
    {
        var list = freshness.List;
        var updated = list.UpdatedAt is { } u ? $"updated {u:yyyy-MM-dd HH:mm:ss}Z" : "never loaded";
        var stale = freshness.IsStale ? $", STALE (older than {freshness.MaxAge}; {(freshness.RespondersOnly ? "responders only" : "still used")})" : "";
        return $"credentials version {list.Version}, {list.Count} credential(s), hash {list.Hash[..16]}…, {updated}{stale}";
    }
}
