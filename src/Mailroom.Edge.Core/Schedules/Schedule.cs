namespace Mailroom.Edge.Core.Schedules;

/// <summary>
/// Named weekly time windows in an IANA time zone, with holidays (local dates on which the ordinary windows do not
/// apply). Pure: it answers for a given instant; the caller supplies the clock.
/// </summary>
public sealed class Schedule(string name, TimeZoneInfo zone, IReadOnlyList<WeeklyWindow> windows, IReadOnlySet<DateOnly> holidays)
{
    public string Name => name;

    public TimeZoneInfo Zone => zone;

    public IReadOnlyList<WeeklyWindow> Windows => windows;

    public IReadOnlySet<DateOnly> Holidays => holidays;

    public bool IsActive(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var today = DateOnly.FromDateTime(local.DateTime);
        var yesterday = today.AddDays(-1);
        var time = TimeOnly.FromDateTime(local.DateTime);
        foreach (var window in windows)
        {
            if (Applies(window, today) && time >= window.From && (window.CrossesMidnight || time < window.To))
                return true;
            // The tail of last night's window: it belongs to the day it started on.
            if (window.CrossesMidnight && Applies(window, yesterday) && time < window.To)
                return true;
        }
        return false;
    }

    private bool Applies(WeeklyWindow window, DateOnly date) =>
        holidays.Contains(date) ? window.OnHolidays : window.Days.Contains(date.DayOfWeek);
}
