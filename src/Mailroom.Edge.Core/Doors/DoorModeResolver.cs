namespace Mailroom.Edge.Core.Doors;

/// <summary>
/// Which <see cref="DoorMode"/> is in force: lockdown, else a command's mode, else the schedule's, else the configured
/// one. A first-card schedule waits for the first grant inside its window before it takes over, so a door never
/// unlocks for an office nobody came to. Not thread-safe: the <see cref="DoorController"/> calls it under its lock.
/// </summary>
public sealed class DoorModeResolver(DoorMode configured)
{
    private DoorMode? _scheduled;
    private DoorMode? _awaitingFirstCard;
    private DoorMode? _command;

    public bool Lockdown { get; private set; }

    public DoorMode Mode => Lockdown ? DoorMode.Lockdown : _command ?? _scheduled ?? configured;

    /// <summary>Why a door held unlocked by its mode is unlocked: the command's mode, else the schedule's, else the configured one.</summary>
    public UnlockCause HeldCause =>
        _command == DoorMode.Unlocked ? UnlockCause.Command : _scheduled == DoorMode.Unlocked ? UnlockCause.Schedule : UnlockCause.Mode;

    /// <summary>The schedule's mode (null: no window is active). False when the mode waits for its first card, so
    /// nothing changes yet.</summary>
    public bool Schedule(DoorMode? mode, bool firstCard)
    {
        if (mode is not null && firstCard && _scheduled != mode)
        {
            _awaitingFirstCard = mode;
            return false;
        }
        _awaitingFirstCard = null;
        _scheduled = mode;
        return true;
    }

    /// <summary>A grant: a first-card schedule waiting for it starts now (true); false when none was waiting.</summary>
    public bool FirstCard()
    {
        if (_awaitingFirstCard is not { } mode)
            return false;
        _awaitingFirstCard = null;
        _scheduled = mode;
        return true;
    }

    /// <summary>A remote command's mode; null returns the door to its schedule.</summary>
    public void Command(DoorMode? mode) => _command = mode;

    /// <summary>Starts or ends lockdown; false when it already was so.</summary>
    public bool SetLockdown(bool active)
    {
        if (active == Lockdown)
            return false;
        Lockdown = active;
        return true;
    }
}
