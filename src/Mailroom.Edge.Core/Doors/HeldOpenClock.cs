namespace Mailroom.Edge.Core.Doors;

/// <summary>
/// How long a door has stood open with permission: the pre-alarm after <see cref="DoorSettings.HeldOpenWarning"/> and
/// the alarm after <see cref="DoorSettings.HeldOpenTime"/>, both pushed back by the extra time of an extended grant
/// (docs/mqtt.md, "Alarms and lockdown"). It has no timer: the <see cref="DoorController"/> arms its own for
/// <see cref="Remaining"/> and calls <see cref="Advance"/> when it fires, under its lock.
/// </summary>
public sealed class HeldOpenClock(DoorSettings settings, TimeProvider time)
{
    private long _startedAt;
    // When the next step is looked at, fixed when it is computed: a later change of Extended (an exit request) moves
    // the steps themselves but not this check.
    private TimeSpan? _checkAt;

    public bool Running { get; private set; }

    public bool Warning { get; private set; }

    public bool Alarm { get; private set; }

    /// <summary>Whether the last grant was an extended one.</summary>
    public bool Extended { get; set; }

    /// <summary>Starts from now; a door without a position switch cannot tell it is open, so its clock never runs.</summary>
    public void Restart()
    {
        if (!settings.HasPositionSwitch)
            return;
        _startedAt = time.GetTimestamp();
        Running = true;
        _checkAt = NextStep();
    }

    public void Stop() => Running = false;

    /// <summary>Ends both alarms; returns the one to report cleared (the alarm over its pre-alarm), or null.</summary>
    public AlarmKind? Clear()
    {
        AlarmKind? active = Alarm ? AlarmKind.HeldOpen : Warning ? AlarmKind.HeldOpenWarning : null;
        Alarm = false;
        Warning = false;
        return active;
    }

    /// <summary>The step that has fallen due (the alarm, else the pre-alarm), or null; nothing before the check is due
    /// (the controller's timer fires for the strike too).</summary>
    public AlarmKind? Advance()
    {
        var elapsed = time.GetElapsedTime(_startedAt);
        if (!Running || _checkAt is not { } checkAt || elapsed < checkAt)
            return null;
        AlarmKind? raised = null;
        if (elapsed >= AlarmAt && !Alarm)
        {
            Alarm = true;
            raised = AlarmKind.HeldOpen;
        }
        else if (!Warning && !Alarm && WarningAt is { } warning && elapsed >= warning)
        {
            Warning = true;
            raised = AlarmKind.HeldOpenWarning;
        }
        _checkAt = NextStep();
        return raised;
    }

    /// <summary>Time from now to the next look at the clock, or null when it is stopped or both steps have happened.</summary>
    public TimeSpan? Remaining() => Running && _checkAt is { } at ? Max(at - time.GetElapsedTime(_startedAt)) : null;

    private TimeSpan Extra => Extended && settings.ExtendedGrantTime > settings.GrantTime ? settings.ExtendedGrantTime - settings.GrantTime : TimeSpan.Zero;

    private TimeSpan AlarmAt => settings.HeldOpenTime + Extra;

    private TimeSpan? WarningAt => settings.HeldOpenWarning + Extra;

    private TimeSpan? NextStep()
    {
        // Not the pre-alarm once the alarm is up: it would be due at once and never raised, and the timer would spin.
        if (!Warning && !Alarm && WarningAt is { } warning && warning < AlarmAt)
            return warning;
        return Alarm ? null : AlarmAt;
    }

    private static TimeSpan Max(TimeSpan t) => t < TimeSpan.Zero ? TimeSpan.Zero : t;
}
