using Mailroom.Edge.Core.Schedules;

namespace Mailroom.Edge.Host.Clock;

/// <summary>
/// The clock is synchronised while systemd-timesyncd's flag file exists (it creates
/// <c>/run/systemd/timesync/synchronized</c> once NTP has set the clock, and the kernel keeps it disciplined).
/// The answer is kept for <see cref="Recheck"/>: a decision asks several times (validity, schedules), and a stat(2)
/// on every ask is work the door path does not need for a state that changes once after boot.
/// </summary>
public sealed class TimesyncdClockStatus(string flagFile = TimesyncdClockStatus.FlagFile, TimeProvider? time = null) : IClockStatus
{
    public const string FlagFile = "/run/systemd/timesync/synchronized";

    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private long _checkedAt;
    private bool _checked;
    private bool _synchronised;

    public bool IsSynchronised
    {
        get
        {
            lock (_gate)
            {
                if (!_checked || _time.GetElapsedTime(_checkedAt) >= Recheck)
                {
                    _synchronised = File.Exists(flagFile);
                    _checkedAt = _time.GetTimestamp();
                    _checked = true;
                }
                return _synchronised;
            }
        }
    }
}
