namespace Mailroom.Edge.Core.Doors;

/// <summary>
/// How one door behaves: grant times, relock trigger, position switch and exit timings. Times are on the
/// <see cref="TimeProvider"/> the controller is given.
/// </summary>
public sealed record DoorSettings
{
    public TimeSpan GrantTime { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Grant time for holders flagged for extended access (accessibility); it also lengthens the held-open times.</summary>
    public TimeSpan ExtendedGrantTime { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The shortest time the strike is released once it is, so a fast door cannot leave it half-actuated.</summary>
    public TimeSpan MinimumPulse { get; init; } = TimeSpan.FromMilliseconds(500);

    public RelockTrigger RelockOn { get; init; } = RelockTrigger.DoorOpen;

    /// <summary>False when the door has no position switch: it then cannot raise forced or held-open alarms.</summary>
    public bool HasPositionSwitch { get; init; } = true;

    /// <summary>Pre-alarm (reader beeps) after the door has been open this long; null for none.</summary>
    public TimeSpan? HeldOpenWarning { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan HeldOpenTime { get; init; } = TimeSpan.FromSeconds(30);

    public ExitAction ExitAction { get; init; } = ExitAction.Unlock;

    /// <summary>How long after an exit request the door may open without a forced-open alarm (shunt-only exits).</summary>
    public TimeSpan ExitShuntTime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Exit requests this soon after a grant are ignored (a motion REX sees the person who just came in).</summary>
    public TimeSpan ExitIgnoreAfterGrant { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The mode when no schedule, command or lockdown overrides it.</summary>
    public DoorMode Mode { get; init; } = DoorMode.CardOnly;
}
