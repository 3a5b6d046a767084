namespace Mailroom.Edge.Core.Access;

/// <summary>
/// Which credential list the agent decides with: the central server's <paramref name="Version"/> (0 for a list that did
/// not come from the server: empty, or imported from CSV), the number of credentials, the content hash (lower-case hex
/// SHA-256, defined in docs/mqtt.md) and when the list was last loaded or confirmed current.
/// </summary>
public sealed record CredentialListStatus(long Version, long Count, string Hash, DateTimeOffset? UpdatedAt)
{
    /// <summary>PINs (blind index values) held by more than one credential (<see cref="SharedPins"/>): each one is a PIN
    /// that entry by PIN alone denies as <c>ambiguous_pin</c>. Counted by the store when the list changes; not part of
    /// the content hash.</summary>
    public long DuplicatePins { get; init; }
}
