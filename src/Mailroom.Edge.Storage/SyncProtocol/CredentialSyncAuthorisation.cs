using Mailroom.Edge.Storage.Credentials;

namespace Mailroom.Edge.Storage.SyncProtocol;

/// <summary>
/// What one signed <c>credentials</c> command allows: the snapshot or delta whose result is exactly
/// <see cref="Version"/>, <see cref="Count"/> and <see cref="Hash"/> (a delta also starting at
/// <see cref="FromVersion"/>).
/// </summary>
public sealed record CredentialSyncAuthorisation(string Kind, long? FromVersion, long Version, long Count, string Hash)
{
    public const string SnapshotKind = "snapshot";
    public const string DeltaKind = "delta";

    /// <summary>How the unsigned sync message describes itself, for the error when nothing authorises it.</summary>
    public static string Describe(string kind, long? fromVersion, long version, long count, string hash) =>
        kind == DeltaKind
            ? $"delta {fromVersion} -> {version} (count {count}, hash {hash})"
            : $"snapshot version {version} (count {count}, hash {hash})";
}
