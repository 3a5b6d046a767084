namespace Mailroom.Edge.Core.Access;

/// <summary>
/// Judges whether the live credential list is older than <paramref name="maxAge"/> (counted from when it was last
/// loaded or confirmed current by the server) and what that means for decisions. No maximum age: never stale.
/// </summary>
public sealed class CredentialFreshness(ICredentialListInfo list, TimeSpan? maxAge, StaleListPolicy policy, TimeProvider time)
{
    public TimeSpan? MaxAge => maxAge;

    /// <summary>The live list's version, count, hash and load time.</summary>
    public CredentialListStatus List => list.Status;

    public StaleListPolicy Policy => policy;

    /// <summary>How old the list is; null when it was never loaded.</summary>
    public TimeSpan? Age => list.Status.UpdatedAt is { } updated ? time.GetUtcNow() - updated : null;

    public bool IsStale => maxAge is { } max && (Age is not { } age || age > max);

    /// <summary>True when only responders may pass right now.</summary>
    public bool RespondersOnly => policy == StaleListPolicy.RespondersOnly && IsStale;

    /// <summary>The trace detail refusing <paramref name="enrolled"/> because the list is stale, or null when it may
    /// pass (the list is fresh, the policy keeps going, or the holder is a responder).</summary>
    public string? Refuses(EnrolledCredential enrolled) =>
        RespondersOnly && !enrolled.Responder ? $"the credential list is older than {maxAge}; only responders pass" : null;
}
