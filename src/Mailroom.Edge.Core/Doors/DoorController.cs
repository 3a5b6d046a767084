using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Core.Doors;

/// <summary>
/// One door: strike, door position switch (DPS), request to exit (REX), tamper, mode and lockdown. Inputs arrive from
/// reader decisions, input lines, the scheduler and commands, on any thread; each is handled under one lock, turned
/// into <see cref="DoorStimulus"/>es for the <see cref="DoorStateTable"/>, and every transition is emitted, in order,
/// through the <see cref="IEventPort"/> (which only queues it, so the door never waits for the disk).
/// </summary>
/// <remarks>
/// The controller owns one timer on its <see cref="TimeProvider"/>, for the end of a momentary unlock and the held-open
/// clock, and handles it under the same lock as the inputs: a grant cannot slip between a relock and its report, and
/// the whole machine can be driven on virtual time. The strike itself is a plain output. States, stimuli and events:
/// docs/mqtt.md, "Door events".
/// </remarks>
public sealed class DoorController : IDisposable
{
    private readonly DoorStrike _strike;
    private readonly TimeProvider _time;
    private readonly IEventPort _events;
    private readonly Lock _gate = new();
    private readonly ITimer _timer;
    private readonly DoorModeResolver _modes;
    private readonly HeldOpenClock _heldOpen;

    private DoorState _state = DoorState.Locked;
    private DoorMode _mode;
    private bool _holding;
    private MomentaryUnlock? _momentary;
    private UnlockCause? _openCause;
    private long? _lastGrantAt;
    private long? _shuntFrom;
    private bool _tamper;
    private bool _disposed;
    private DoorStateChangedEvent? _published;

    public DoorController(DoorId id, DoorSettings settings, DoorStrike strike, TimeProvider time, IEventPort events)
    {
        Id = id;
        Settings = settings;
        _strike = strike;
        _time = time;
        _events = events;
        _mode = settings.Mode;
        _modes = new DoorModeResolver(settings.Mode);
        _heldOpen = new HeldOpenClock(settings, time);
        _timer = time.CreateTimer(_ => OnTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public DoorId Id { get; }

    public DoorSettings Settings { get; }

    public DoorState State
    {
        get { lock (_gate) return _state; }
    }

    public UnlockCause? Cause
    {
        get { lock (_gate) return _published?.Cause; }
    }

    /// <summary>The mode in force: lockdown, else a command's, else the schedule's, else the configured one.</summary>
    public DoorMode Mode
    {
        get { lock (_gate) return _mode; }
    }

    public bool InLockdown
    {
        get { lock (_gate) return _modes.Lockdown; }
    }

    public bool IsOpen
    {
        get { lock (_gate) return DoorStateTable.IsOpen(_state); }
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

    private bool OpenWithPermission => _state is DoorState.Open or DoorState.HeldOpen;

    /// <summary>Applies the configured mode and emits the current state once, so the retained topic has a value from the start.</summary>
    public void PublishInitialState()
    {
        lock (_gate)
        {
            // The configured mode applies from the start: a door configured Unlocked holds its strike released (and says
            // so) without waiting for a schedule or a command to apply a mode.
            var before = _published;
            ApplyMode("configured");
            if (ReferenceEquals(before, _published))
                Publish(force: true);
        }
    }

    /// <summary>A granted credential: releases the strike for the grant time (the extended one for holders who need it).</summary>
    public void Grant(bool extended = false)
    {
        bool wasWarning;
        lock (_gate)
        {
            _lastGrantAt = _time.GetTimestamp();
            var silenced = _modes.FirstCard() && ApplyMode("first_card");
            _heldOpen.Extended = extended;
            if (!_holding)
                StartMomentary(UnlockCause.Grant, extended ? Settings.ExtendedGrantTime : Settings.GrantTime);
            // A grant while the door stands open (a second person) restarts the held-open clock.
            wasWarning = (OpenWithPermission && !_holding && RestartHeldOpenClock()) || silenced;
            Settle();
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
            if (_mode is DoorMode.Lockdown or DoorMode.Locked)
                return false;
            _lastGrantAt = _time.GetTimestamp();
            if (!_holding)
                StartMomentary(UnlockCause.Command, duration);
            Settle();
            return true;
        }
    }

    /// <summary>The exit button or motion sensor.</summary>
    public void RequestExit()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            if (_lastGrantAt is { } grantAt && _time.GetElapsedTime(grantAt, now) < Settings.ExitIgnoreAfterGrant)
            {
                Emit(new ExitRequestEvent(_time.GetUtcNow(), Id, "ignored"));
                return;
            }
            // Egress is never blocked, not even in lockdown: lockdown keeps people out, not in.
            _shuntFrom = now;
            var unlock = Settings.ExitAction == ExitAction.Unlock && !_holding;
            Emit(new ExitRequestEvent(_time.GetUtcNow(), Id, unlock ? "unlocked" : "shunted"));
            if (unlock)
            {
                _heldOpen.Extended = false;
                StartMomentary(UnlockCause.ExitRequest, Settings.GrantTime);
            }
            Settle();
        }
    }

    /// <summary>The door position switch changed (true = open).</summary>
    public void DoorPositionChanged(bool open)
    {
        var annunciateOff = false;
        lock (_gate)
        {
            if (open == DoorStateTable.IsOpen(_state))
                return;
            if (open)
                Opened();
            else
                annunciateOff = Closed();
            Settle();
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
        bool silenced;
        lock (_gate)
        {
            if (!_modes.Schedule(mode, firstCard))
                return;
            silenced = ApplyMode("schedule");
            Settle();
        }
        if (silenced)
            Annunciate?.Invoke(Id, false);
    }

    /// <summary>A remote command's mode (e.g. held unlocked for a delivery); null returns the door to its schedule.</summary>
    public void SetCommandMode(DoorMode? mode)
    {
        bool silenced;
        lock (_gate)
        {
            _modes.Command(mode);
            silenced = ApplyMode("command");
            Settle();
        }
        if (silenced)
            Annunciate?.Invoke(Id, false);
    }

    /// <summary>Starts or ends lockdown: the strike locks, running grants and held unlocks end, only responders pass.</summary>
    public void SetLockdown(bool active, string source, string? by)
    {
        bool silenced;
        lock (_gate)
        {
            if (!_modes.SetLockdown(active))
                return;
            Emit(new LockdownChangedEvent(_time.GetUtcNow(), Id, active, source, by));
            silenced = ApplyMode("lockdown");
            Settle();
        }
        if (silenced)
            Annunciate?.Invoke(Id, false);
        LockdownShown?.Invoke(Id, active);
    }

    private void Opened()
    {
        var now = _time.GetTimestamp();
        var shunted = _shuntFrom is { } from && _time.GetElapsedTime(from, now) < Settings.ExitShuntTime;
        if (!_strike.IsReleased && !shunted)
        {
            _openCause = null;
            Emit(new AlarmEvent(_time.GetUtcNow(), Id, AlarmKind.ForcedOpen, true));
            Apply(DoorStimulus.Forced);
            return;
        }
        _openCause = _strike.IsReleased ? StrikeCause() : UnlockCause.ExitRequest;
        // Applied before any relock: the strike locking behind an open door is no transition.
        Apply(DoorStimulus.Opened);
        if (_momentary is { } momentary && Settings.HasPositionSwitch)
        {
            if (Settings.RelockOn == RelockTrigger.DoorOpen)
                RelockAfterMinimumPulse(now);
            else if (Settings.RelockOn == RelockTrigger.DoorClose)
                _momentary = momentary with { RelockAfter = null };
        }
        if (!_holding)
            RestartHeldOpenClock();
    }

    /// <summary>Returns true if the held-open pre-alarm was sounding.</summary>
    private bool Closed()
    {
        _heldOpen.Stop();
        _shuntFrom = null;
        if (_state == DoorState.ForcedOpen)
            Emit(new AlarmEvent(_time.GetUtcNow(), Id, AlarmKind.ForcedOpen, false));
        var wasWarning = ClearHeldOpenAlarms();
        if (_momentary is not null && Settings.RelockOn == RelockTrigger.DoorClose)
            RelockAfterMinimumPulse(_time.GetTimestamp());
        // Applied after the relock, so a door that closes and locks goes straight to locked.
        Apply(_strike.IsReleased ? DoorStimulus.ClosedReleased : DoorStimulus.ClosedLocked);
        return wasWarning;
    }

    /// <summary>Applies the mode in force; returns true if it silenced a sounding pre-alarm (a mode holding the door
    /// unlocked ends it).</summary>
    private bool ApplyMode(string source)
    {
        var silenced = false;
        var mode = _modes.Mode;
        if (mode != _mode)
        {
            Emit(new DoorModeChangedEvent(_time.GetUtcNow(), Id, mode, _mode, source));
            _mode = mode;
        }
        var hold = mode == DoorMode.Unlocked;
        if (hold && !_holding)
        {
            _holding = true;
            _momentary = null;
            Release();
            _heldOpen.Stop();
            silenced = ClearHeldOpenAlarms();
            Apply(DoorStimulus.HeldOpenReset);
        }
        else if (!hold && _holding)
        {
            _holding = false;
            Relock();
            if (OpenWithPermission)
                RestartHeldOpenClock();
        }
        if (mode is DoorMode.Lockdown or DoorMode.Locked && _momentary is not null)
            Relock();
        return silenced;
    }

    private void StartMomentary(UnlockCause cause, TimeSpan duration)
    {
        var extending = _strike.IsReleased;
        // The line first, then the clock: the grant runs from when the strike really released, and door.unlocked says
        // that moment, so a slow first release (JIT, a busy CPU) shortens neither the pulse nor its reported length.
        _strike.Release();
        var now = _time.GetTimestamp();
        var at = _time.GetUtcNow();
        var pulse = duration < Settings.MinimumPulse ? Settings.MinimumPulse : duration;
        // An unlock that extends a running one keeps its cause: the door did not lock in between.
        _momentary = extending && _momentary is { } running
            ? running with { RelockFrom = now, RelockAfter = pulse }
            : new MomentaryUnlock(cause, now, now, pulse);
        Apply(DoorStimulus.StrikeReleased, at);
    }

    /// <summary>Shortens the unlock to what the strike needs, or relocks now if it has had that already.</summary>
    private void RelockAfterMinimumPulse(long now)
    {
        var momentary = _momentary!.Value;
        if (_time.GetElapsedTime(momentary.UnlockedAt, now) >= Settings.MinimumPulse)
            Relock();
        else
            _momentary = momentary with { RelockFrom = momentary.UnlockedAt, RelockAfter = Settings.MinimumPulse };
    }

    private void Release()
    {
        _strike.Release();
        Apply(DoorStimulus.StrikeReleased);
    }

    private void Relock()
    {
        _strike.Lock();
        _momentary = null;
        Apply(DoorStimulus.StrikeLocked);
    }

    /// <summary>Restarts the held-open clock (the door opened, or a grant let a second person through); returns true if
    /// the pre-alarm was sounding.</summary>
    private bool RestartHeldOpenClock()
    {
        var wasWarning = ClearHeldOpenAlarms();
        Apply(DoorStimulus.HeldOpenReset);
        _heldOpen.Restart();
        return wasWarning;
    }

    /// <summary>Reports the held-open alarm (or its pre-alarm) cleared; returns true if the pre-alarm was sounding.</summary>
    private bool ClearHeldOpenAlarms()
    {
        var wasWarning = _heldOpen.Warning;
        if (_heldOpen.Clear() is { } cleared)
            Emit(new AlarmEvent(_time.GetUtcNow(), Id, cleared, false));
        return wasWarning;
    }

    private void OnTimer()
    {
        var warn = false;
        lock (_gate)
        {
            if (_disposed)
                return;
            // Checked, not assumed: a timer may fire a hair early, and the grant is a promise, so Arm waits out the rest.
            if (RelockRemaining() <= TimeSpan.Zero)
                Relock();
            if (_heldOpen.Advance() is { } raised)
            {
                Emit(new AlarmEvent(_time.GetUtcNow(), Id, raised, true));
                if (raised == AlarmKind.HeldOpen)
                    Apply(DoorStimulus.HeldOpenTimeUp);
                else
                    warn = true;
            }
            Settle();
        }
        if (warn)
            Annunciate?.Invoke(Id, true);
    }

    private TimeSpan? RelockRemaining() => _momentary is { RelockAfter: { } after } momentary
        ? after - _time.GetElapsedTime(momentary.RelockFrom)
        : null;

    /// <summary>The end of every input: the timer set for the next deadline, and the state published if its cause, mode
    /// or lockdown changed without a transition.</summary>
    private void Settle()
    {
        var relock = RelockRemaining();
        var held = _heldOpen.Remaining();
        TimeSpan? due = relock is { } r && (held is null || r < held) ? r : held;
        _timer.Change(due is { } d ? RoundUpToMillisecond(d) : Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Publish();
    }

    // System timers tick in milliseconds; rounding up keeps a re-armed timer from spinning on a sub-millisecond rest.
    private static TimeSpan RoundUpToMillisecond(TimeSpan t) =>
        t <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Ceiling(t.TotalMilliseconds));

    private void Apply(DoorStimulus stimulus, DateTimeOffset? at = null)
    {
        var next = DoorStateTable.Next(_state, stimulus);
        if (next == _state)
            return;
        _state = next;
        Publish(at: at);
    }

    /// <summary>Emits the state if it changed; <paramref name="at"/> is when the transition happened, if known.</summary>
    private void Publish(bool force = false, DateTimeOffset? at = null)
    {
        // An open door keeps the cause it opened with: the strike relocking behind it is not news.
        var cause = DoorStateTable.IsOpen(_state) ? _openCause : StrikeCause();
        if (!force && _published is { } last && last.State == _state && last.Cause == cause && last.Mode == _mode && last.Lockdown == _modes.Lockdown)
            return;
        _published = new DoorStateChangedEvent(at ?? _time.GetUtcNow(), Id, _state, _published?.State ?? DoorState.Locked, cause, _mode, _modes.Lockdown);
        Emit(_published);
    }

    private UnlockCause? StrikeCause() => !_strike.IsReleased ? null : _holding ? _modes.HeldCause : _momentary?.Cause;

    // Queues the event and goes on: the port makes it durable and observes any failure, so the door never waits for it.
    private void Emit(DomainEvent e) => _ = _events.Emit(e);

    public void Dispose()
    {
        lock (_gate)
            _disposed = true;
        _timer.Dispose();
    }
}
