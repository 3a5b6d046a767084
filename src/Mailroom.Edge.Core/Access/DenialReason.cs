namespace Mailroom.Edge.Core.Access;

/// <summary>Machine-readable reasons for a denial, as published in the <c>reason</c> field (snake_case on the wire).</summary>
public enum DenialReason
{
    UnknownCredential,
    CredentialDisabled,
    CredentialNotYetValid,
    CredentialExpired,

    /// <summary>The credential list is older than its maximum age and the policy admits responders only.</summary>
    CredentialListStale,
}
