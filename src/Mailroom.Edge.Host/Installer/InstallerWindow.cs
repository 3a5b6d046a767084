namespace Mailroom.Edge.Host.Installer;

/// <summary>
/// The installer's window as <c>installer enable</c> opened it: open until <see cref="Until"/> (UTC), with the hash of
/// its one-time setup code, and, once the first visit set one, the hash of its password (both PBKDF2, never the
/// secret). Failed logins and the lockout they earned are kept with it, so a restart does not reset them. Every
/// <c>enable</c> starts a new window: a new code, and no password until the installer sets one with it.
/// </summary>
public sealed record InstallerWindow(DateTimeOffset Until, string SetupCodeHash)
{
    public string? PasswordHash { get; init; }

    /// <summary>Who set the password (the name typed with it), for the events.</summary>
    public string? Installer { get; init; }

    public int FailedLogins { get; init; }

    public DateTimeOffset? LockedUntil { get; init; }

    public bool IsOpenAt(DateTimeOffset now) => now < Until;
}
