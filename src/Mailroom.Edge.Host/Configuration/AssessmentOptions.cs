namespace Mailroom.Edge.Host.Configuration;

/// <summary>The site's limits that the security self-assessment holds the configuration to (docs/security.md,
/// "Self-assessment").</summary>
public sealed class AssessmentOptions
{
    /// <summary>A door may be held open this long before its alarm; longer is a finding. Default 60 s.</summary>
    public TimeSpan MaxHeldOpenTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>An operator key older than this (by <c>Commands:Keys:{name}:Created</c>) is due for rotation. Default 365 days.</summary>
    public TimeSpan KeyMaxAge { get; set; } = TimeSpan.FromDays(365);
}
