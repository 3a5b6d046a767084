namespace Mailroom.Edge.Host.Configuration;

/// <summary>A named schedule: weekly windows in an IANA time zone, and holidays on which only holiday windows apply.</summary>
public sealed class ScheduleOptions
{
    /// <summary>IANA zone, e.g. <c>Europe/London</c>; resolved from the system's tzdata.</summary>
    public string TimeZone { get; set; } = "UTC";

    public List<ScheduleWindowOptions> Windows { get; set; } = [];

    /// <summary>Local dates, <c>yyyy-MM-dd</c>.</summary>
    public List<string> Holidays { get; set; } = [];
}
