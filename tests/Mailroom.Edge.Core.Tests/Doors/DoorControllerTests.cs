using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Doors;

public sealed class DoorControllerTests
{
    /// <summary>Every transition of the state machine with the default settings (grant 5 s, relock on open, minimum pulse
    /// 0.5 s, held-open warning 20 s and alarm 30 s, exit unlocks, exits ignored 2 s after a grant).</summary>
    [Theory]
    [InlineData("grant", DoorState.Unlocked, true, "door.unlocked")]
    [InlineData("grant; wait 4.9", DoorState.Unlocked, true, "door.unlocked")]
    [InlineData("grant; wait 5", DoorState.Locked, false, "door.unlocked door.locked")]
    [InlineData("grant; wait 4; grant; wait 4", DoorState.Unlocked, true, "door.unlocked")]
    [InlineData("grant; wait 4; grant; wait 5", DoorState.Locked, false, "door.unlocked door.locked")]
    [InlineData("grant; wait 1; open", DoorState.Open, false, "door.unlocked door.open")]
    [InlineData("grant; open", DoorState.Open, true, "door.unlocked door.open")]
    [InlineData("grant; open; wait 0.5", DoorState.Open, false, "door.unlocked door.open")]
    [InlineData("grant; wait 1; open; close", DoorState.Locked, false, "door.unlocked door.open door.locked")]
    [InlineData("open", DoorState.ForcedOpen, false, "alarm.forced_open door.forced_open")]
    [InlineData("open; close", DoorState.Locked, false, "alarm.forced_open door.forced_open alarm.forced_open_cleared door.locked")]
    [InlineData("grant; wait 5; open", DoorState.ForcedOpen, false, "door.unlocked door.locked alarm.forced_open door.forced_open")]
    [InlineData("open; grant", DoorState.ForcedOpen, true, "alarm.forced_open door.forced_open")]
    [InlineData("open; wait 60", DoorState.ForcedOpen, false, "alarm.forced_open door.forced_open")]
    [InlineData("grant; open; wait 19.9", DoorState.Open, false, "door.unlocked door.open")]
    [InlineData("grant; open; wait 20", DoorState.Open, false, "door.unlocked door.open alarm.held_open_warning")]
    [InlineData("grant; open; wait 30", DoorState.HeldOpen, false, "door.unlocked door.open alarm.held_open_warning alarm.held_open door.held_open")]
    [InlineData("grant; open; wait 30; close", DoorState.Locked, false, "door.unlocked door.open alarm.held_open_warning alarm.held_open door.held_open alarm.held_open_cleared door.locked")]
    [InlineData("grant; open; wait 20; close", DoorState.Locked, false, "door.unlocked door.open alarm.held_open_warning alarm.held_open_warning_cleared door.locked")]
    [InlineData("grant; open; wait 20; grant", DoorState.Open, true, "door.unlocked door.open alarm.held_open_warning alarm.held_open_warning_cleared")]
    [InlineData("grant+; wait 5", DoorState.Unlocked, true, "door.unlocked")]
    [InlineData("grant+; wait 15", DoorState.Locked, false, "door.unlocked door.locked")]
    [InlineData("grant+; open; wait 30", DoorState.Open, false, "door.unlocked door.open alarm.held_open_warning")]
    [InlineData("grant+; open; wait 40", DoorState.HeldOpen, false, "door.unlocked door.open alarm.held_open_warning alarm.held_open door.held_open")]
    [InlineData("grant+; open; wait 25; rex; wait 10", DoorState.HeldOpen, false, "door.unlocked door.open door.exit_request alarm.held_open door.held_open")]
    [InlineData("rex", DoorState.Unlocked, true, "door.exit_request door.unlocked")]
    [InlineData("rex; open; wait 1; close", DoorState.Locked, false, "door.exit_request door.unlocked door.open door.locked")]
    [InlineData("grant; wait 1; rex", DoorState.Unlocked, true, "door.unlocked door.exit_request")]
    [InlineData("grant; wait 2; rex", DoorState.Unlocked, true, "door.unlocked door.exit_request")]
    [InlineData("tamper", DoorState.Locked, false, "alarm.tamper")]
    [InlineData("tamper; tamper; untamper", DoorState.Locked, false, "alarm.tamper alarm.tamper_cleared")]
    [InlineData("cmd:Unlocked", DoorState.Unlocked, true, "door.mode_changed door.unlocked")]
    [InlineData("cmd:Unlocked; open; wait 60", DoorState.Open, true, "door.mode_changed door.unlocked door.open")]
    [InlineData("cmd:Unlocked; cmd:none", DoorState.Locked, false, "door.mode_changed door.unlocked door.mode_changed door.locked")]
    [InlineData("cmd:Unlocked; open; cmd:none; wait 30", DoorState.HeldOpen, false, "door.mode_changed door.unlocked door.open door.mode_changed door.open alarm.held_open_warning alarm.held_open door.held_open")]
    [InlineData("cmd:Locked", DoorState.Locked, false, "door.mode_changed door.locked")]
    [InlineData("grant; cmd:Locked", DoorState.Locked, false, "door.unlocked door.mode_changed door.locked")]
    [InlineData("sched:Unlocked", DoorState.Unlocked, true, "door.mode_changed door.unlocked")]
    [InlineData("sched:Unlocked; sched:none", DoorState.Locked, false, "door.mode_changed door.unlocked door.mode_changed door.locked")]
    [InlineData("sched:Unlocked!first", DoorState.Locked, false, "")]
    [InlineData("sched:Unlocked!first; grant; wait 60", DoorState.Unlocked, true, "door.mode_changed door.unlocked")]
    [InlineData("sched:Unlocked!first; grant; sched:none", DoorState.Locked, false, "door.mode_changed door.unlocked door.mode_changed door.locked")]
    [InlineData("sched:Unlocked; cmd:Locked", DoorState.Locked, false, "door.mode_changed door.unlocked door.mode_changed door.locked")]
    [InlineData("lockdown", DoorState.Locked, false, "lockdown.started door.mode_changed door.locked")]
    [InlineData("grant; lockdown", DoorState.Locked, false, "door.unlocked lockdown.started door.mode_changed door.locked")]
    [InlineData("cmd:Unlocked; lockdown", DoorState.Locked, false, "door.mode_changed door.unlocked lockdown.started door.mode_changed door.locked")]
    [InlineData("sched:Unlocked; lockdown; unlockdown", DoorState.Unlocked, true, "door.mode_changed door.unlocked lockdown.started door.mode_changed door.locked lockdown.ended door.mode_changed door.unlocked")]
    [InlineData("lockdown; lockdown", DoorState.Locked, false, "lockdown.started door.mode_changed door.locked")]
    [InlineData("lockdown; grant", DoorState.Unlocked, true, "lockdown.started door.mode_changed door.locked door.unlocked")]
    [InlineData("lockdown; rex; open", DoorState.Open, true, "lockdown.started door.mode_changed door.locked door.exit_request door.unlocked door.open")]
    public void Transitions(string script, DoorState state, bool energised, string events) =>
        AssertRun(new DoorSettings(), script, state, energised, events);

    [Theory]
    [InlineData(RelockTrigger.GrantTime, "grant; open; close", DoorState.Unlocked, true, "door.unlocked door.open door.unlocked")]
    [InlineData(RelockTrigger.GrantTime, "grant; open; close; wait 5", DoorState.Locked, false, "door.unlocked door.open door.unlocked door.locked")]
    [InlineData(RelockTrigger.DoorClose, "grant; open; wait 10", DoorState.Open, true, "door.unlocked door.open")]
    [InlineData(RelockTrigger.DoorClose, "grant; open; wait 10; close", DoorState.Locked, false, "door.unlocked door.open door.locked")]
    [InlineData(RelockTrigger.DoorClose, "grant; open; close", DoorState.Unlocked, true, "door.unlocked door.open door.unlocked")]
    [InlineData(RelockTrigger.DoorClose, "grant; open; close; wait 0.5", DoorState.Locked, false, "door.unlocked door.open door.unlocked door.locked")]
    public void Relock_triggers(RelockTrigger trigger, string script, DoorState state, bool energised, string events) =>
        AssertRun(new DoorSettings { RelockOn = trigger }, script, state, energised, events);

    [Theory]
    [InlineData("rex", DoorState.Locked, "door.exit_request")]
    [InlineData("rex; open", DoorState.Open, "door.exit_request door.open")]
    [InlineData("rex; wait 9.9; open", DoorState.Open, "door.exit_request door.open")]
    [InlineData("rex; wait 10; open", DoorState.ForcedOpen, "door.exit_request alarm.forced_open door.forced_open")]
    [InlineData("rex; open; close; open", DoorState.ForcedOpen, "door.exit_request door.open door.locked alarm.forced_open door.forced_open")]
    public void Shunt_only_exits(string script, DoorState state, string events) =>
        AssertRun(new DoorSettings { ExitAction = ExitAction.ShuntOnly }, script, state, energised: false, events);

    private static void AssertRun(DoorSettings settings, string script, DoorState state, bool energised, string events)
    {
        using var rig = new DoorRig(settings);

        rig.Run(script);

        Assert.Equal(state, rig.Door.State);
        Assert.Equal(energised, rig.Energised);
        Assert.Equal(events, string.Join(' ', rig.Types));
    }

    [Fact]
    public void A_door_configured_unlocked_holds_its_strike_from_the_start()
    {
        var events = new EventList();
        using var strike = new DoorStrike(new RecordingOutput(), DoorRig.StrikeLine, energiseToUnlock: true);
        using var door = new DoorController(new DoorId("front"), new DoorSettings { Mode = DoorMode.Unlocked }, strike, new ManualTimeProvider(), events);

        door.PublishInitialState();

        Assert.True(strike.IsReleased);
        var initial = Assert.IsType<DoorStateChangedEvent>(Assert.Single(events));
        Assert.Equal((DoorState.Unlocked, UnlockCause.Mode, DoorMode.Unlocked), (initial.State, initial.Cause, initial.Mode));
    }

    [Fact]
    public void Exit_requests_right_after_a_grant_are_ignored()
    {
        using var rig = new DoorRig();

        rig.Run("grant; wait 1; rex; wait 1.5; rex");

        var exits = rig.Events.OfType<ExitRequestEvent>().Select(e => e.Outcome);
        Assert.Equal(["ignored", "unlocked"], exits);
    }

    [Fact]
    public void A_grant_shorter_than_the_minimum_pulse_is_stretched_to_it()
    {
        using var rig = new DoorRig(new DoorSettings { GrantTime = TimeSpan.FromMilliseconds(100), MinimumPulse = TimeSpan.FromMilliseconds(500) });

        rig.Run("grant; wait 0.4");
        Assert.True(rig.Energised);
        rig.Run("wait 0.1");

        Assert.False(rig.Energised);
    }

    [Fact]
    public void A_timer_that_fires_a_hair_early_does_not_cut_the_grant_short()
    {
        var time = new ManualTimeProvider();
        using var strike = new DoorStrike(new RecordingOutput(), DoorRig.StrikeLine, energiseToUnlock: true);
        using var door = new DoorController(new DoorId("front"), new DoorSettings(), strike, new EarlyTimeProvider(time), new EventList());

        door.Grant();
        time.Advance(TimeSpan.FromMilliseconds(4999.9));
        Assert.True(strike.IsReleased);
        time.Advance(TimeSpan.FromMilliseconds(1.1));

        Assert.False(strike.IsReleased);
    }

    [Fact]
    public void Relock_on_open_waits_for_the_minimum_pulse()
    {
        using var rig = new DoorRig();

        rig.Run("grant; wait 0.2; open; wait 0.29");
        Assert.True(rig.Energised);
        rig.Run("wait 0.01");

        Assert.False(rig.Energised);
    }

    [Fact]
    public void A_fail_safe_maglock_is_energised_while_locked_and_released_on_grant()
    {
        using var rig = new DoorRig(energiseToUnlock: false);

        rig.Run("grant");
        Assert.False(rig.Energised);
        rig.Run("wait 5");

        Assert.True(rig.Energised);
    }

    [Fact]
    public void The_held_open_pre_alarm_beeps_the_reader_until_the_door_closes()
    {
        using var rig = new DoorRig();

        rig.Run("grant; open; wait 20");
        Assert.Equal([true], rig.Beeps);
        rig.Run("close");

        Assert.Equal([true, false], rig.Beeps);
    }

    [Fact]
    public void A_door_without_a_position_switch_relocks_by_time_only_and_raises_no_door_alarms()
    {
        using var rig = new DoorRig(new DoorSettings { HasPositionSwitch = false });

        rig.Run("grant; wait 4.9");
        Assert.True(rig.Energised);
        rig.Run("wait 0.1; wait 120");

        Assert.Equal(["door.unlocked", "door.locked"], rig.Types);
    }

    [Fact]
    public void State_events_carry_the_retained_topic_mode_cause_and_lockdown()
    {
        using var rig = new DoorRig();

        rig.Run("sched:Unlocked");

        var state = rig.Events.OfType<DoorStateChangedEvent>().Single();
        Assert.Equal("door/front/state", state.RetainedSubtopic);
        Assert.Equal(UnlockCause.Schedule, state.Cause);
        Assert.Equal(DoorMode.Unlocked, state.Mode);
        Assert.Equal(DoorState.Locked, state.Previous);
        Assert.False(state.Lockdown);
    }

    [Fact]
    public void Alarms_are_critical_and_the_pre_alarm_is_not()
    {
        Assert.Equal(EventPriority.Critical, new AlarmEvent(DateTimeOffset.UnixEpoch, null, AlarmKind.ForcedOpen, true).Priority);
        Assert.Equal(EventPriority.State, new AlarmEvent(DateTimeOffset.UnixEpoch, null, AlarmKind.HeldOpenWarning, true).Priority);
        Assert.Equal(EventCategory.Alarm, new LockdownChangedEvent(DateTimeOffset.UnixEpoch, new DoorId("a"), true, "command", null).Category);
    }
}
