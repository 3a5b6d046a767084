namespace Mailroom.Edge.Core.Schedules;

/// <summary>The port that says whether the wall clock is known to be right (NTP synchronised); schedules depend on it.</summary>
public interface IClockStatus
{
    bool IsSynchronised { get; }
}
