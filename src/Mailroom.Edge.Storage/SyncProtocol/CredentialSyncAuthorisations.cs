using Mailroom.Edge.Storage.Credentials;

namespace Mailroom.Edge.Storage.SyncProtocol;

/// <summary>
/// The signed authorisations of credential syncs not used yet (docs/security.md, "Credential sync"). The command loop
/// records one when a signed <c>credentials</c> command is accepted; the sync loop looks for one naming exactly the
/// snapshot or delta that arrives and uses it up when the sync is applied. An authorisation not used within
/// <see cref="Lifetime"/> (the agent's monotonic clock, so a wrong wall clock cannot stretch it) lapses; at most
/// <see cref="MaxPending"/> are kept, the oldest dropped first. Thread-safe.
/// </summary>
public sealed class CredentialSyncAuthorisations(TimeProvider time, TimeSpan lifetime)
{
    public const int MaxPending = 16;

    private readonly Lock _gate = new();
    private readonly List<(CredentialSyncAuthorisation Authorisation, long RecordedAt)> _pending = [];

    public TimeSpan Lifetime => lifetime;

    public void Record(CredentialSyncAuthorisation authorisation)
    {
        ArgumentNullException.ThrowIfNull(authorisation);
        lock (_gate)
        {
            if (_pending.Count == MaxPending)
                _pending.RemoveAt(0);
            _pending.Add((authorisation, time.GetTimestamp()));
        }
    }

    /// <summary>The live authorisation naming exactly this sync, or null.</summary>
    public CredentialSyncAuthorisation? Find(string kind, long? fromVersion, long version, long count, string hash)
    {
        lock (_gate)
        {
            _pending.RemoveAll(p => time.GetElapsedTime(p.RecordedAt) > lifetime);
            foreach (var (a, _) in _pending)
            {
                if (a.Kind == kind && a.FromVersion == fromVersion && a.Version == version && a.Count == count
                    && string.Equals(a.Hash, hash, StringComparison.OrdinalIgnoreCase))
                    return a;
            }
            return null;
        }
    }

    /// <summary>Uses <paramref name="authorisation"/> up: one signature, one sync.</summary>
    public void Consume(CredentialSyncAuthorisation authorisation)
    {
        lock (_gate)
            _pending.RemoveAll(p => ReferenceEquals(p.Authorisation, authorisation));
    }
}
