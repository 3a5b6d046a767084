namespace Mailroom.Edge.Video.Retention;

/// <summary>The limits retention enforces on the clip folder.</summary>
public sealed record RetentionPolicy(long QuotaBytes, TimeSpan MaxAge, long MinFreeBytes);
