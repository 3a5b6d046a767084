namespace Mailroom.Edge.Core.Commands;

/// <summary>The limits command authority is checked against (configuration <c>Commands:*</c>, docs/security.md).</summary>
public sealed record CommandPolicy
{
    /// <summary>Largest accepted payload; larger ones are refused before any parsing.</summary>
    public int MaxPayloadBytes { get; init; } = 8 * 1024;

    /// <summary>Longest accepted <c>expires_at − issued_at</c>: a signed command is a short-lived permission, not a token.</summary>
    public TimeSpan MaxLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How far in the future <c>issued_at</c> may be (clock difference between operator and agent).</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Under an unsynchronised clock, actuating commands arriving this soon after a CONNACK are refused.</summary>
    public TimeSpan ConnectQuietPeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>This many refusals within <see cref="RefusalWindow"/> raise an alarm.</summary>
    public int RefusalAlarmThreshold { get; init; } = 10;

    public TimeSpan RefusalWindow { get; init; } = TimeSpan.FromMinutes(1);
}
