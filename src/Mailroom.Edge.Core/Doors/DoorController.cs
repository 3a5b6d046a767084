using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Core.Doors;

/// <summary>
/// The state machine of one door: strike, door position switch (DPS), request to exit (REX), tamper, mode and lockdown.
/// Inputs arrive from reader decisions, input lines, the scheduler and commands, on any thread; each is handled under
/// one lock and every transition is emitted, in order, through the <see cref="IEventPort"/> (which only queues it, so
/// the door never waits for the disk). Timers run on the <see cref="TimeProvider"/>, so the whole
/// machine can be driven on virtual time.
/// </summary>
/// <remarks>
/// States: locked → unlocked (grant, exit, schedule, command, mode) → open → held open; locked → forced open when the
/// DPS opens with the strike locked and no exit shunt. Alarms clear when the door closes.
/// </remarks>
public sealed class DoorController : IDisposable
{
    private readonly DoorStrike _strike;
    private readonly TimeProvider _time;
    private readonly IEventPort _events;
    private readonly Lock _gate = new();
    private readonly ITimer _heldTimer;

    private bool _open;
    private bool _tamper;
    private bool _momentary;
    private UnlockCause _momentaryCause;
    private bool _extended;
    private bool _holding;
    private long _unlockedAt;
    private long _openedAt;
    private long _lastGrantAt = long.MinValue;
    private long _shuntUntil = long.MinValue;
    private bool _forced;
    private bool _heldWarning;
    private bool _heldAlarm;
    private DoorMode? _scheduled;
    private DoorMode? _awaitingFirstCard;
    private DoorMode? _command;
    private bool _lockdown;
    private DoorMode _mode;
    private DoorState _state = DoorState.Locked;
    private UnlockCause? _cause;
    private UnlockCause? _openCause;
    private bool _published;
    private DoorMode _publishedMode;
    private bool _publishedLockdown;

    public DoorController(DoorId id, DoorSettings settings, DoorStrike strike, TimeProvider time, IEventPort events)
    {
        Id = id;
        Settings = settings;
        _strike = strike;
        _time = time;
        _events = events;
        _mode = settings.Mode;
        _heldTimer = time.CreateTimer(_ => OnHeldTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        strike.Relocked += OnStrikeRelocked;
    }

    public DoorId Id { get; }

    public DoorSettings Settings { get; }

    public DoorState State
    {
        get { lock (_gate) return _state; }
    }

    public UnlockCause? Cause
    {
        get { lock (_gate) return _cause; }
    }

    /// <summary>The mode in force: lockdown, else a command's, else the schedule's, else the configured one.</summary>
    public DoorMode Mode
    {
        get { lock (_gate) return _mode; }
    }

    public bool InLockdown
    {
        get { lock (_gate) return _lockdown; }
    }

    public bool IsOpen
    {
        get { lock (_gate) return _open; }
    }

    public bool TamperActive
    {
        get { lock (_gate) return _tamper; }
    }

    /// <summary>Raised (outside the lock) when the held-open pre-alarm starts (true) or ends (false): the reader beeps.</summary>
    public event Action<DoorId, bool>? Annunciate;

    /// <summary>Raised (outside the lock) when lockdown starts (true) or ends (false): the reader shows it. A local
    /// output, so it does not wait for the lockdown event to be committed.</summary>
    public event Action<DoorId, bool>? LockdownShown;

    /// <summary>Emits the current state once, so the retained topic has a value from the start.</summary>
    public void PublishInitialState()
    {
        lock (_gate)
            Publish(force: true);
    }

    /// <summary>A granted credential: releases the strike for the grant time (the extended one for holders who need it).</summary>
    public void Grant(bool extended = false)
    {
        bool wasWarning;
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            _lastGrantAt = now;
            if (_awaitingFirstCard is { } firstCardMode)
            {
                _awaitingFirstCard = null;
                _scheduled = firstCardMode;
                ApplyMode("first_card");
            }
            _extended = extended;
            if (!_holding)
                StartMomentary(UnlockCause.Grant, extended ? Settings.ExtendedGrantTime : Settings.GrantTime);
            // A grant while the door stands open (a second person) restarts the held-open clock.
            wasWarning = _open && !_forced && !_holding && RestartHeldTimer();
            Publish();
        }
        if (wasWarning)
            Annunciate?.Invoke(Id, false);
    }

    /// <summary>A verified remote <c>unlock</c> command: a momentary unlock for <paramref name="duration"/>, through the
    /// state machine so that the door opening next is not a forced door. Refused (false) in lockdown or locked mode.</summary>
    public bool CommandUnlock(TimeSpan duration)
    {
        lock (_gate)
        {
            if (Mode is DoorMode.Lockdown or DoorMode.Locked)
                return false;
            _lastGrantAt = _time.GetTimestamp();
            if (!_holding)
                StartMomentary(UnlockCause.Command, duration);
            Publish();
            return true;
        }
    }

    /// <summary>The exit button or motion sensor.</summary>
    public void RequestExit()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            if (_lastGrantAt != long.MinValue && now - _lastGrantAt < Ticks(Settings.ExitIgnoreAfterGrant))
            {
                Emit(new ExitRequestEvent(_time.GetUtcNow(), Id, "ignored"));
                return;
            }
            // Egress is never blocked, not even in lockdown: lockdown keeps people out, not in.
            _shuntUntil = now + Ticks(Settings.ExitShuntTime);
            var unlock = Settings.ExitAction == ExitAction.Unlock && !_holding;
            Emit(new ExitRequestEvent(_time.GetUtcNow(), Id, unlock ? "unlocked" : "shunted"));
            if (unlock)
            {
                _extended = false;
                StartMomentary(UnlockCause.ExitRequest, Settings.GrantTime);
            }
            Publish();
        }
    }

    /// <summary>The door position switch changed (true = open).</summary>
    public void DoorPositionChanged(bool open)
    {
        var annunciateOff = false;
        lock (_gate)
        {
            if (open == _open)
                return;
            _open = open;
            var now = _time.GetTimestamp();
            if (open)
            {
                var permitted = _strike.IsUnlocked || now < _shuntUntil;
                _openCause = !permitted ? null : _strike.IsUnlocked ? StrikeCause() : UnlockCause.ExitRequest;
                if (!permitted)
                {
                    _forced = true;
                    Emit(new AlarmEvent(_time.GetUtcNow(), Id, AlarmKind.ForcedOpen, true));
                }
                else
                {
                    if (_momentary && Settings.HasPositionSwitch)
                    {
                        if (Settings.RelockOn == RelockTrigger.DoorOpen)
                            RelockAfterMinimumPulse(now);
                        else if (Settings.RelockOn == RelockTrigger.DoorClose)
                            _strike.Hold();
                    }
                    if (!_holding)
                        RestartHeldTimer();
                }
            }
            else
            {
                _heldTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _shuntUntil = long.MinValue;
                if (_forced)
                {
                    _forced = false;
                    Emit(new AlarmEvent(_time.GetUtcNow(), Id, AlarmKind.ForcedOpen, false));
                }
                annunciateOff = ClearHeldAlarms();
                if (_momentary && Settings.RelockOn == RelockTrigger.DoorClose)
                    RelockAfterMinimumPulse(now);
            }
            Publish();
        }
        if (annunciateOff)
            Annunciate?.Invoke(Id, false);
    }

    /// <summary>The reader or enclosure tamper switch changed (true = tampered).</summary>
    public void TamperChanged(bool active, string source)
    {
        lock (_gate)
        {
            if (active == _tamper)
                return;
            _tamper = active;
            Emit(new AlarmEvent(_time.GetUtcNow(), Id, AlarmKind.Tamper, active, source));
        }
    }

    /// <summary>Raises the silent duress alarm; the door itself behaves as for any grant.</summary>
    public void RaiseDuress(string? holder)
    {
        lock (_gate)
            Emit(new AlarmEvent(_time.GetUtcNow(), Id, AlarmKind.Duress, true, holder));
    }

    /// <summary>
    /// The mode a schedule wants now (null when no schedule window is active). With <paramref name="firstCard"/> the
    /// mode starts only at the first grant inside the window, so a door never unlocks for an office nobody came to.
    /// </summary>
    public void SetScheduledMode(DoorMode? mode, bool firstCard = false)
    {
        lock (_gate)
        {
            if (mode is null)
            {
                _awaitingFirstCard = null;
                _scheduled = null;
            }
            else if (firstCard && _scheduled != mode)
            {
                _awaitingFirstCard = mode;
                return;
            }
            else
            {
                _awaitingFirstCard = null;
                _scheduled = mode;
            }
            ApplyMode("schedule");
            Publish();
        }
    }

    /// <summary>A remote command's mode (e.g. held unlocked for a delivery); null returns the door to its schedule.</summary>
    public void SetCommandMode(DoorMode? mode)
    {
        lock (_gate)
        {
            _command = mode;
            ApplyMode("command");
            Publish();
        }
    }

    /// <summary>Starts or ends lockdown: the strike locks, running grants and held unlocks end, only responders pass.</summary>
    public void SetLockdown(bool active, string source, string? by)
    {
        lock (_gate)
        {
            if (active == _lockdown)
                return;
            _lockdown = active;
            Emit(new LockdownChangedEvent(_time.GetUtcNow(), Id, active, source, by));
            ApplyMode("lockdown");
            Publish();
        }
        LockdownShown?.Invoke(Id, active);
    }

    private void ApplyMode(string source)
    {
        var mode = _lockdown ? DoorMode.Lockdown : _command ?? _scheduled ?? Settings.Mode;
        if (mode != _mode)
        {
            Emit(new DoorModeChangedEvent(_time.GetUtcNow(), Id, mode, _mode, source));
            _mode = mode;
        }
        var hold = mode == DoorMode.Unlocked;
        if (hold && !_holding)
        {
            _holding = true;
            _momentary = false;
            _strike.Hold();
            _heldTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            ClearHeldAlarms();
        }
        else if (!hold && _holding)
        {
            _holding = false;
            _strike.Lock();
            if (_open && !_forced)
                RestartHeldTimer();
        }
        if (mode is DoorMode.Lockdown or DoorMode.Locked && _momentary)
        {
            _momentary = false;
            _strike.Lock();
        }
    }

    private void StartMomentary(UnlockCause cause, TimeSpan duration)
    {
        // An unlock that extends a running one keeps its cause: the door did not lock in between.
        if (!_strike.IsUnlocked)
        {
            _unlockedAt = _time.GetTimestamp();
            _momentaryCause = cause;
        }
        _strike.Unlock(duration < Settings.MinimumPulse ? Settings.MinimumPulse : duration);
        _momentary = true;
    }

    private void RelockAfterMinimumPulse(long now)
    {
        var remaining = Ticks(Settings.MinimumPulse) - (now - _unlockedAt);
        if (remaining <= 0)
        {
            _strike.Lock();
            _momentary = false;
        }
        else
        {
            // Shortens the grant to what the strike needs; the strike's timer relocks and reports back.
            _strike.Unlock(TimeSpan.FromSeconds((double)remaining / _time.TimestampFrequency));
        }
    }

    private void OnStrikeRelocked()
    {
        lock (_gate)
        {
            // A grant may have released the strike again between its timer and this callback.
            if (_strike.IsUnlocked || _holding)
                return;
            _momentary = false;
            Publish();
        }
    }

    /// <summary>Restarts the held-open clock; returns true if a pre-alarm was cleared.</summary>
    private bool RestartHeldTimer()
    {
        var cleared = ClearHeldAlarms();
        if (!Settings.HasPositionSwitch)
            return cleared;
        _openedAt = _time.GetTimestamp();
        _heldTimer.Change(NextHeldDeadline() ?? Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        return cleared;
    }

    private bool ClearHeldAlarms()
    {
        var wasWarning = _heldWarning;
        if (_heldAlarm)
            Emit(new AlarmEvent(_time.GetUtcNow(), Id, AlarmKind.HeldOpen, false));
        else if (_heldWarning)
            Emit(new AlarmEvent(_time.GetUtcNow(), Id, AlarmKind.HeldOpenWarning, false));
        _heldAlarm = false;
        _heldWarning = false;
        return wasWarning;
    }

    private TimeSpan Extra => _extended && Settings.ExtendedGrantTime > Settings.GrantTime ? Settings.ExtendedGrantTime - Settings.GrantTime : TimeSpan.Zero;

    /// <summary>Time from now to the next held-open step, or null when both have happened.</summary>
    private TimeSpan? NextHeldDeadline()
    {
        var elapsed = TimeSpan.FromSeconds((double)(_time.GetTimestamp() - _openedAt) / _time.TimestampFrequency);
        var alarmAt = Settings.HeldOpenTime + Extra;
        if (!_heldWarning && Settings.HeldOpenWarning is { } warning && warning + Extra < alarmAt)
            return Max(warning + Extra - elapsed);
        return _heldAlarm ? null : Max(alarmAt - elapsed);

        static TimeSpan Max(TimeSpan t) => t < TimeSpan.Zero ? TimeSpan.Zero : t;
    }

    private void OnHeldTimer()
    {
        var warn = false;
        lock (_gate)
        {
            if (!_open || _forced || _holding)
                return;
            var elapsed = TimeSpan.FromSeconds((double)(_time.GetTimestamp() - _openedAt) / _time.TimestampFrequency);
            var alarmAt = Settings.HeldOpenTime + Extra;
            if (elapsed >= alarmAt && !_heldAlarm)
            {
                _heldAlarm = true;
                Emit(new AlarmEvent(_time.GetUtcNow(), Id, AlarmKind.HeldOpen, true));
            }
            else if (!_heldWarning && !_heldAlarm && Settings.HeldOpenWarning is { } warning && elapsed >= warning + Extra)
            {
                _heldWarning = true;
                warn = true;
                Emit(new AlarmEvent(_time.GetUtcNow(), Id, AlarmKind.HeldOpenWarning, true));
            }
            if (NextHeldDeadline() is { } next)
                _heldTimer.Change(next, Timeout.InfiniteTimeSpan);
            Publish();
        }
        if (warn)
            Annunciate?.Invoke(Id, true);
    }

    private void Publish(bool force = false)
    {
        DoorState state;
        if (_open)
            state = _forced ? DoorState.ForcedOpen : _heldAlarm ? DoorState.HeldOpen : DoorState.Open;
        else
            state = _strike.IsUnlocked ? DoorState.Unlocked : DoorState.Locked;
        // An open door keeps the cause it opened with: the strike relocking behind it is not news.
        var cause = _open ? _openCause : StrikeCause();
        if (!force && _published && state == _state && cause == _cause && _publishedMode == _mode && _publishedLockdown == _lockdown)
            return;
        Emit(new DoorStateChangedEvent(_time.GetUtcNow(), Id, state, _state, cause, _mode, _lockdown));
        _state = state;
        _cause = cause;
        _publishedMode = _mode;
        _publishedLockdown = _lockdown;
        _published = true;
    }

    private UnlockCause? StrikeCause() => !_strike.IsUnlocked ? null
        : _holding ? (_command == DoorMode.Unlocked ? UnlockCause.Command : _scheduled == DoorMode.Unlocked ? UnlockCause.Schedule : UnlockCause.Mode)
        : _momentaryCause;

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    public void Dispose()
    {
        _strike.Relocked -= OnStrikeRelocked;
        _heldTimer.Dispose();
    }

    // Queues the event and goes on: the port makes it durable and observes any failure, so the door never waits for it.
    private void Emit(DomainEvent domainEvent) => _ = _events.Emit(domainEvent);
}
