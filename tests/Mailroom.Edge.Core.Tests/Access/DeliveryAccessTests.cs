using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Events;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Access;

/// <summary>Delivery access (issue #20): categories on decisions, use limits kept across restarts, and a credential's
/// own schedule. The rig starts on Monday 09:00 in London, inside the couriers' delivery window (08:00–11:00).</summary>
public sealed class DeliveryAccessTests
{
    [Fact]
    public void A_one_time_pass_admits_once_and_its_second_use_is_denied_uses_exhausted()
    {
        using var rig = new RulesRig();

        var first = rig.Card(12);
        rig.Wait(10);
        var second = rig.Card(12);

        Assert.True(first.Granted);
        Assert.Equal((1, 1), (first.Uses, first.MaxUses));
        Assert.False(second.Granted);
        Assert.Equal(DenialReason.UsesExhausted, second.Reason);
        Assert.Equal((1, 1), (second.Uses, second.MaxUses));
        Assert.Equal(new DecisionCheck("uses", false, "used 1 of 1"), second.Trace[^1]);
    }

    [Fact]
    public void The_category_rides_on_grants_and_denials_and_the_event_carries_it_with_the_counts()
    {
        using var rig = new RulesRig();
        rig.Card(12);
        rig.Wait(10);
        rig.Card(12);

        var events = rig.AccessEvents.OfType<AccessEvent>().Select(e => System.Text.Encoding.UTF8.GetString(EventSerializer.Serialize(e, new EventEnvelope(Guid.Empty, 1), new DeviceIdentity("s", "d")))).ToList();

        Assert.Equal(2, events.Count);
        Assert.All(events, json => Assert.Contains("\"category\":\"delivery\",\"uses\":1,\"max_uses\":1", json, StringComparison.Ordinal));
        Assert.Contains("\"reason\":\"uses_exhausted\"", events[1], StringComparison.Ordinal);
        Assert.Null(rig.Card(2).Category);
    }

    [Fact]
    public void Use_counts_survive_a_restart()
    {
        var log = new MemoryUseLog();
        using (var before = new RulesRig(uses: log))
            Assert.True(before.Card(12).Granted);

        using var after = new RulesRig(uses: log, start: RulesRig.Start.AddMinutes(30));

        Assert.Equal(DenialReason.UsesExhausted, after.Card(12).Reason);
    }

    [Fact]
    public void A_credential_with_no_use_limit_is_not_counted()
    {
        var log = new MemoryUseLog();
        using var rig = new RulesRig(uses: log);

        Assert.True(rig.Card(11).Granted);
        Assert.True(rig.Card(2).Granted);

        Assert.Empty(log.Load());
        Assert.Null(rig.Card(11).Uses);
    }

    [Fact]
    public void Only_a_grant_is_a_use_a_wrong_pin_at_a_card_and_pin_door_spends_nothing()
    {
        using var rig = new RulesRig(new DoorRules { SecondFactor = SecondFactor.Pin });

        Assert.True(rig.Card(13).Pending);
        Assert.Equal(DenialReason.WrongPin, rig.Pin("0000").Reason);
        Assert.True(rig.Card(13).Pending);
        var granted = rig.Pin("4321");
        Assert.True(rig.Card(13).Pending);
        var second = rig.Pin("4321");
        var third = rig.Card(13);

        Assert.Equal((true, 1), (granted.Granted, granted.Uses));
        Assert.Equal((true, 2), (second.Granted, second.Uses));
        Assert.Equal(DenialReason.UsesExhausted, third.Reason);
    }

    [Fact]
    public void A_use_spent_while_the_pin_was_typed_is_checked_again_after_the_pin()
    {
        using var rig = new RulesRig(new DoorRules { SecondFactor = SecondFactor.Pin });
        // Max (two uses) waits for his PIN at the entry side while his second use is spent at the exit side.
        Assert.True(rig.Card(13).Pending);
        Assert.True(rig.Card(13, rig.Out).Pending);
        Assert.True(rig.Pin("4321", rig.Out).Granted);
        Assert.True(rig.Card(13, rig.Out).Pending);
        Assert.True(rig.Pin("4321", rig.Out).Granted);

        var late = rig.Pin("4321");

        Assert.Equal(DenialReason.UsesExhausted, late.Reason);
    }

    [Fact]
    public void A_courier_outside_the_delivery_window_is_denied_outside_schedule_though_the_group_has_none()
    {
        using var rig = new RulesRig(start: RulesRig.Start.AddHours(2.5));

        var courier = rig.Card(11);
        var staff = rig.Card(2);

        Assert.Equal(DenialReason.OutsideSchedule, courier.Reason);
        Assert.Equal("credential_schedule", courier.Trace[^1].Name);
        Assert.True(staff.Granted);
    }

    [Fact]
    public void A_denial_outside_the_window_spends_no_use()
    {
        using var rig = new RulesRig(start: RulesRig.Start.AddHours(2.5));
        Assert.Equal(DenialReason.OutsideSchedule, rig.Card(12).Reason);
        rig.Wait(TimeSpan.FromDays(1).Subtract(TimeSpan.FromHours(2.5)).TotalSeconds);

        Assert.True(rig.Card(12).Granted);
    }

    [Fact]
    public void A_credential_naming_a_schedule_that_is_not_configured_is_denied()
    {
        using var rig = new RulesRig();
        rig.Store.Add(new EnrolledCredential("H10301", RulesRig.Facility, 20, "Ned", true, null, null) { Groups = ["carriers"], Schedule = "no-such-window" });

        var decision = rig.Card(20);

        Assert.Equal(DenialReason.OutsideSchedule, decision.Reason);
        Assert.Equal("schedule 'no-such-window' is not configured", decision.Trace[^1].Detail);
    }

    [Theory]
    [InlineData("delivery", true)]
    [InlineData("visitor-2", true)]
    [InlineData("Delivery", false)]
    [InlineData("", false)]
    [InlineData("a b", false)]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456", false)]
    public void Category_names_are_lower_case_words(string name, bool valid) =>
        Assert.Equal(valid, CredentialCategory.Problem(name) is null);
}
