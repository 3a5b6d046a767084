using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Core.Tests.Doors;

/// <summary>
/// Runs <see cref="DoorRig"/> steps and checks, after each, what must hold whatever came before, from the steps and the
/// events alone (not the controller's fields):
/// <list type="number">
/// <item>The strike is released only with a reason: the mode is <see cref="DoorMode.Unlocked"/>, or a grant, exit or
/// command unlock is within its time (stretched to the minimum pulse), or — relock on close — the door opened on a
/// released strike and has not been closed for the minimum pulse yet.</item>
/// <item>In a locked mode or lockdown only an unlock started since the mode began counts: the mode ends holds and
/// running unlocks; a responder's grant or an exit inside it may release the strike.</item>
/// <item>No transition goes unreported: each state event's previous state is the last one's state, the door's state is
/// the last one reported, and it agrees with the position switch and the strike (closed: unlocked exactly while
/// released) and with the alarms (held open exactly while the held-open alarm is up, forced open while forced).</item>
/// <item>The line follows the strike with the configured polarity.</item>
/// </list>
/// </summary>
internal sealed class StrikeOracle(DoorRig rig, DoorSettings settings)
{
    private readonly List<Window> _windows = [];
    private DoorState _reported = rig.Door.State;
    private bool _open;
    private bool _heldOpenAlarm;
    private bool _forcedAlarm;
    private int _lockedModeSince = rig.Door.Mode is DoorMode.Locked or DoorMode.Lockdown ? -1 : int.MaxValue;

    /// <summary>Runs step <paramref name="index"/> and returns what it broke, or null.</summary>
    public string? Step(int index, string step)
    {
        var modeBefore = rig.Door.Mode;
        var releasedBefore = rig.Strike.IsReleased;
        var eventsBefore = rig.Events.Count;
        rig.Step(step);
        var now = rig.Time.GetTimestamp();
        var added = rig.Events.Skip(eventsBefore).ToList();
        Track(index, step, now, modeBefore, releasedBefore, added);
        return CheckEvents(added) ?? CheckStrike(now) ?? CheckState();
    }

    private void Track(int index, string step, long now, DoorMode modeBefore, bool releasedBefore, List<DomainEvent> added)
    {
        var verb = step.Split(' ')[0];
        switch (verb)
        {
            case "grant":
                Open(index, now, settings.GrantTime);
                break;
            case "grant+":
                Open(index, now, settings.ExtendedGrantTime);
                break;
            case "rex" when added.OfType<ExitRequestEvent>().Any(e => e.Outcome == "unlocked"):
                Open(index, now, settings.GrantTime);
                break;
            case "unlock" when modeBefore is not (DoorMode.Locked or DoorMode.Lockdown):
                Open(index, now, TimeSpan.FromSeconds(double.Parse(step.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture)));
                break;
            case "open" when !_open:
                _open = true;
                // Relock on close holds an unlock while the door is open, however long.
                if (releasedBefore && settings.RelockOn == RelockTrigger.DoorClose && settings.HasPositionSwitch)
                    _windows.Add(new Window(index, now, null));
                break;
            case "close" when _open:
                _open = false;
                for (var i = 0; i < _windows.Count; i++)
                {
                    if (_windows[i].Until is null)
                        _windows[i] = _windows[i] with { Until = now + Ticks(settings.MinimumPulse) };
                }
                break;
        }
        var locked = rig.Door.Mode is DoorMode.Locked or DoorMode.Lockdown;
        if (!locked)
            _lockedModeSince = int.MaxValue;
        else if (_lockedModeSince == int.MaxValue)
            _lockedModeSince = index;
        foreach (var alarm in added.OfType<AlarmEvent>())
        {
            if (alarm.Kind == AlarmKind.HeldOpen)
                _heldOpenAlarm = alarm.Active;
            else if (alarm.Kind == AlarmKind.ForcedOpen)
                _forcedAlarm = alarm.Active;
        }
    }

    private void Open(int index, long now, TimeSpan duration)
    {
        var pulse = duration < settings.MinimumPulse ? settings.MinimumPulse : duration;
        _windows.Add(new Window(index, now, now + Ticks(pulse)));
    }

    private string? CheckEvents(List<DomainEvent> added)
    {
        foreach (var change in added.OfType<DoorStateChangedEvent>())
        {
            if (change.Previous != _reported)
                return $"a transition went unreported: {change.Type} says it came from {change.Previous}, the last event said {_reported}";
            _reported = change.State;
        }
        return rig.Door.State != _reported ? $"the door is {rig.Door.State} but the last event said {_reported}" : null;
    }

    private string? CheckStrike(long now)
    {
        var released = rig.Strike.IsReleased;
        // Until the strike first drives it, the line is as the host requested it (its safe value); the rig's is not.
        if (rig.Output.Writes > 0 && rig.Energised != (released == rig.EnergiseToUnlock))
            return $"the line is {(rig.Energised ? "energised" : "not energised")} with the strike {(released ? "released" : "locked")}";
        if (!released)
            return null;
        var mode = rig.Door.Mode;
        if (mode == DoorMode.Unlocked)
            return null;
        var sinceIndex = mode is DoorMode.Locked or DoorMode.Lockdown ? _lockedModeSince : -1;
        if (_windows.Any(w => w.Index >= sinceIndex && w.From <= now && (w.Until is not { } until || now < until)))
            return null;
        return mode is DoorMode.Locked or DoorMode.Lockdown
            ? $"the strike is released in mode {mode} with no grant or exit since the mode began"
            : $"the strike is released in mode {mode} with no grant, exit or command unlock within its time";
    }

    private string? CheckState()
    {
        var state = rig.Door.State;
        var expected = !_open ? (rig.Strike.IsReleased ? DoorState.Unlocked : DoorState.Locked)
            : _forcedAlarm ? DoorState.ForcedOpen
            : _heldOpenAlarm ? DoorState.HeldOpen
            : DoorState.Open;
        return state != expected || rig.Door.IsOpen != _open
            ? $"the door is {state} (open: {rig.Door.IsOpen}); the switch, strike and alarms say {expected} (open: {_open})"
            : null;
    }

    private long Ticks(TimeSpan span) => (long)(span.Ticks * (rig.Time.TimestampFrequency / (double)TimeSpan.TicksPerSecond));

    /// <summary>An unlock that may keep the strike released from <see cref="From"/> until before <see cref="Until"/>
    /// (null: until the door closes).</summary>
    private sealed record Window(int Index, long From, long? Until);
}
