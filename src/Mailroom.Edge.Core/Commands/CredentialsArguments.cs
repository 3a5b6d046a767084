namespace Mailroom.Edge.Core.Commands;

/// <summary>
/// <c>credentials</c> (docs/mqtt.md, "Command arguments"). <see cref="Action"/> <c>sync</c> asks the server for a full
/// snapshot now. <c>snapshot</c> and <c>delta</c> authorise one sync by its result: the agent applies the unsigned
/// snapshot or delta on <c>{root}/sync/credentials</c> only if it is exactly this version, count and content hash (and,
/// for a delta, starts at <see cref="FromVersion"/>). The content hash covers every credential, so the signature over
/// these few fields covers the whole list.
/// </summary>
public sealed record CredentialsArguments(string Action) : CommandArguments
{
    public const string Sync = "sync";
    public const string Snapshot = "snapshot";
    public const string Delta = "delta";

    public static readonly IReadOnlyList<string> Actions = [Sync, Snapshot, Delta];

    /// <summary>Delta only: the live version the delta starts from.</summary>
    public long? FromVersion { get; init; }

    /// <summary>Snapshot and delta: the list's version after the sync.</summary>
    public long Version { get; init; }

    /// <summary>Snapshot and delta: the number of credentials after the sync.</summary>
    public long Count { get; init; }

    /// <summary>Snapshot and delta: the content hash after the sync, lower-case hex.</summary>
    public string Hash { get; init; } = "";
}
