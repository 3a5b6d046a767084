using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Schedules;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Access;

/// <summary>
/// What each <see cref="UnsyncedClockPolicy"/> does to each time-dependent rule other than schedules (those are in
/// <see cref="AccessRulesTests"/>): credential validity windows and timed anti-passback, in this process and after a
/// restart (memory loaded from the passage log). docs/configuration.md, "Clock", states the same table.
/// </summary>
public class AccessRulesClockTests
{
    private const ulong Kit = 11;

    /// <summary>Kit: valid from an hour ago until an hour from the rig's start.</summary>
    private static RulesRig RigWithKit(UnsyncedClockPolicy policy, DoorRules? rules = null, IPassageLog? passages = null, DateTimeOffset? start = null)
    {
        var rig = new RulesRig(rules, unsynced: policy, passages: passages, start: start);
        rig.Store.Add(new EnrolledCredential("H10301", RulesRig.Facility, Kit, "Kit", true, RulesRig.Start.AddHours(-1), RulesRig.Start.AddHours(1)) { Groups = ["staff"] });
        return rig;
    }

    [Theory]
    // synced | policy | trusted once before losing sync | hours later | credential | outcome
    [InlineData(true, UnsyncedClockPolicy.OutsideSchedule, false, 0, Kit, "granted")]
    [InlineData(true, UnsyncedClockPolicy.OutsideSchedule, false, 2, Kit, "credential_expired")]
    [InlineData(false, UnsyncedClockPolicy.OutsideSchedule, true, 0, Kit, "clock_untrusted")]
    [InlineData(false, UnsyncedClockPolicy.OutsideSchedule, true, 0, 2UL, "granted")]
    [InlineData(false, UnsyncedClockPolicy.LastKnownGood, true, 0, Kit, "granted")]
    [InlineData(false, UnsyncedClockPolicy.LastKnownGood, true, 2, Kit, "credential_expired")]
    [InlineData(false, UnsyncedClockPolicy.LastKnownGood, false, 0, Kit, "clock_untrusted")]
    [InlineData(false, UnsyncedClockPolicy.LastKnownGood, false, 0, 2UL, "granted")]
    public void Validity_windows_follow_the_clock_policy(bool synced, UnsyncedClockPolicy policy, bool trustedBefore, int hoursLater, ulong card, string outcome)
    {
        using var rig = RigWithKit(policy);
        if (trustedBefore)
            Assert.True(rig.Card(2, rig.InnerIn).Granted);
        rig.Clock.IsSynchronised = synced;
        rig.Time.Advance(TimeSpan.FromHours(hoursLater));

        var decision = rig.Card(card);

        Assert.Equal(outcome, decision.Granted ? "granted" : WireNames.Of(decision.Reason!.Value));
        Assert.False(rig.FrontReleased && !decision.Granted);
    }

    [Fact]
    public void Last_known_good_carries_the_trusted_time_forward_so_a_wall_clock_jump_cannot_revive_an_expired_credential()
    {
        using var rig = RigWithKit(UnsyncedClockPolicy.LastKnownGood);
        Assert.True(rig.Card(Kit).Granted);
        rig.Clock.IsSynchronised = false;
        rig.Time.Advance(TimeSpan.FromHours(2));

        var decision = rig.Card(Kit, rig.InnerIn);

        Assert.Equal(DenialReason.CredentialExpired, decision.Reason);
        Assert.Contains("carried forward", decision.Trace[^1].Detail, StringComparison.Ordinal);
    }

    [Theory]
    // policy | synced after the restart | minutes after the first passage | outcome of the same direction again
    [InlineData(UnsyncedClockPolicy.OutsideSchedule, true, 1, "anti_passback")]
    [InlineData(UnsyncedClockPolicy.OutsideSchedule, true, 6, "granted")]
    [InlineData(UnsyncedClockPolicy.OutsideSchedule, false, 6, "anti_passback")]
    [InlineData(UnsyncedClockPolicy.LastKnownGood, true, 6, "granted")]
    [InlineData(UnsyncedClockPolicy.LastKnownGood, false, 60, "anti_passback")]
    public void Timed_anti_passback_after_a_restart_needs_a_trusted_clock(UnsyncedClockPolicy policy, bool synced, int minutes, string outcome)
    {
        var log = new MemoryPassageLog();
        var rules = new DoorRules { AntiPassback = AntiPassbackMode.Timed, AntiPassbackTime = TimeSpan.FromMinutes(5) };
        using (var before = RigWithKit(policy, rules, log))
            Assert.True(before.Card(2).Granted);

        using var after = RigWithKit(policy, rules, log, RulesRig.Start.AddMinutes(minutes));
        after.Clock.IsSynchronised = synced;
        var decision = after.Card(2);

        Assert.Equal(outcome, decision.Granted ? "granted" : WireNames.Of(decision.Reason!.Value));
    }

    [Theory]
    [InlineData(UnsyncedClockPolicy.OutsideSchedule)]
    [InlineData(UnsyncedClockPolicy.LastKnownGood)]
    public void Timed_anti_passback_within_one_run_uses_the_monotonic_clock_whatever_the_wall_clock_says(UnsyncedClockPolicy policy)
    {
        using var rig = RigWithKit(policy, new DoorRules { AntiPassback = AntiPassbackMode.Timed, AntiPassbackTime = TimeSpan.FromMinutes(5) });
        Assert.True(rig.Card(2).Granted);
        rig.Clock.IsSynchronised = false;

        Assert.Equal(DenialReason.AntiPassback, rig.Card(2).Reason);
        rig.Time.Advance(TimeSpan.FromMinutes(6));
        Assert.True(rig.Card(2).Granted);
    }

    [Fact]
    public void Hard_anti_passback_memory_survives_a_restart_and_a_passage_the_other_way_clears_it()
    {
        var log = new MemoryPassageLog();
        var rules = new DoorRules { AntiPassback = AntiPassbackMode.Hard };
        using (var before = new RulesRig(rules, passages: log))
            Assert.True(before.Card(2).Granted);

        using var after = new RulesRig(rules, passages: log, start: RulesRig.Start.AddDays(1));

        Assert.Equal(DenialReason.AntiPassback, after.Card(2).Reason);
        Assert.True(after.Card(2, after.Out).Granted);
        Assert.True(after.Card(2).Granted);
    }
}
