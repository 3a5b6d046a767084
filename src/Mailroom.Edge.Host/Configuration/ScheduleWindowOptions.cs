namespace Mailroom.Edge.Host.Configuration;

/// <summary>One weekly window: days (<c>Mon</c>…<c>Sun</c>, or <c>Weekdays</c>, <c>Weekend</c>, <c>All</c>), from and to in local
/// <c>HH:mm</c>; a window whose end is not after its start runs past midnight.</summary>
public sealed class ScheduleWindowOptions
{
    public List<string> Days { get; set; } = [];

    public string From { get; set; } = "00:00";

    public string To { get; set; } = "00:00";

    /// <summary>The window also applies on holidays (ordinary windows do not).</summary>
    public bool Holidays { get; set; }
}
