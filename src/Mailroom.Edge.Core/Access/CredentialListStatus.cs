namespace Mailroom.Edge.Core.Access;

/// <summary>
/// Which credential list the agent decides with: the central server's <paramref name="Version"/> (0 for a list that did
/// not come from the server: empty, or imported from CSV), the number of credentials, the content hash (lower-case hex
/// SHA-256, defined in docs/mqtt.md) and when the list was last loaded or confirmed current.
/// </summary>
public sealed record CredentialListStatus(long Version, long Count, string Hash, DateTimeOffset? UpdatedAt);
