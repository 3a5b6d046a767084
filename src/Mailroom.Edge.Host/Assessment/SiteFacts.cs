using Mailroom.Edge.Core.Access;

namespace Mailroom.Edge.Host.Assessment;

/// <summary>
/// What the self-assessment reads from the device beside the configuration (<see cref="SiteFactsProbe"/> gathers it; a
/// test states it): the live credential list when there is one, whether the clock is synchronised now (null: not
/// known here), the files that hold secrets or evidence with their permissions, and the time now.
/// </summary>
public sealed record SiteFacts(
    DateTimeOffset Now,
    CredentialListStatus? CredentialList,
    bool? ClockSynchronised,
    IReadOnlyList<ProtectedFile> Files)
{
    /// <summary>When the installer's page closes, while a window is open; null when it is off.</summary>
    public DateTimeOffset? InstallerPageUntil { get; init; }

    public static SiteFacts None(DateTimeOffset now) => new(now, null, null, []);
}

/// <summary>A file (or folder) that must not be readable by other users, with its mode and what it holds.</summary>
public sealed record ProtectedFile(string Path, UnixFileMode Mode, string Holds);
