namespace Mailroom.Edge.Core.Schedules;

/// <summary>
/// A time window on some days of the week, in the schedule's local time, from <see cref="From"/> (inclusive) to
/// <see cref="To"/> (exclusive). A window whose end is not after its start runs past midnight into the next day
/// (22:00–06:00 on Monday covers Monday night and Tuesday morning). On holidays only windows with
/// <see cref="OnHolidays"/> apply.
/// </summary>
public sealed record WeeklyWindow(IReadOnlySet<DayOfWeek> Days, TimeOnly From, TimeOnly To, bool OnHolidays = false)
{
    public bool CrossesMidnight => To <= From;
}
