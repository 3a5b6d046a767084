using Mailroom.Edge.Core.Schedules;

namespace Mailroom.Edge.Host.Agent;

/// <summary>
/// The clock is synchronised while systemd-timesyncd's flag file exists (it creates
/// <c>/run/systemd/timesync/synchronized</c> once NTP has set the clock, and the kernel keeps it disciplined).
/// </summary>
public sealed class TimesyncdClockStatus(string flagFile = TimesyncdClockStatus.FlagFile) : IClockStatus
{
    public const string FlagFile = "/run/systemd/timesync/synchronized";

    public bool IsSynchronised => File.Exists(flagFile);
}
