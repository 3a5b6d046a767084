using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Access;

/// <summary>Enrolment, enabled flag, validity window and list freshness, on the full <see cref="AccessRules"/> the agent
/// runs (they were once a separate, simpler policy that only tests used).</summary>
public class CredentialChecksTests
{
    private static readonly DateTimeOffset Now = RulesRig.Start;

    private static AccessDecision Decide(RulesRig rig, ulong number) => rig.Card(number);

    private static EnrolledCredential Staff(ulong number, string? holder, bool enabled, DateTimeOffset? from, DateTimeOffset? until) =>
        new("H10301", RulesRig.Facility, number, holder, enabled, from, until) { Groups = ["staff"] };

    [Fact]
    public void An_enrolled_enabled_card_in_its_window_is_granted_with_a_full_trace()
    {
        using var rig = new RulesRig();
        rig.Store.Add(Staff(101, "Ada", true, Now.AddDays(-1), Now.AddDays(1)));

        var decision = Decide(rig, 101);

        Assert.True(decision.Granted);
        Assert.Null(decision.Reason);
        Assert.Equal("Ada", decision.Holder);
        Assert.Equal(["enrolled", "enabled", "validity"], decision.Trace.Select(c => c.Name).Where(n => n is "enrolled" or "enabled" or "validity"));
        Assert.All(decision.Trace, c => Assert.True(c.Passed));
    }

    [Theory]
    [InlineData(true, -2, -1, DenialReason.CredentialExpired)]
    [InlineData(true, 1, 2, DenialReason.CredentialNotYetValid)]
    [InlineData(false, -1, 1, DenialReason.CredentialDisabled)]
    public void Cards_outside_their_rules_are_denied_with_the_first_failed_check(bool enabled, int fromDays, int untilDays, DenialReason expected)
    {
        using var rig = new RulesRig();
        rig.Store.Add(Staff(101, "Ada", enabled, Now.AddDays(fromDays), Now.AddDays(untilDays)));

        var decision = Decide(rig, 101);

        Assert.False(decision.Granted);
        Assert.Equal(expected, decision.Reason);
        Assert.False(decision.Trace[^1].Passed);
    }

    [Fact]
    public void An_unknown_card_is_denied()
    {
        using var rig = new RulesRig();

        var decision = Decide(rig, 99);

        Assert.False(decision.Granted);
        Assert.Equal(DenialReason.UnknownCredential, decision.Reason);
        Assert.Null(decision.Holder);
    }

    [Fact]
    public void Validity_ends_exactly_at_valid_until()
    {
        using var rig = new RulesRig();
        rig.Store.Add(Staff(101, null, true, null, Now.AddSeconds(1)));
        Assert.True(Decide(rig, 101).Granted);

        rig.Wait(1);

        Assert.Equal(DenialReason.CredentialExpired, Decide(rig, 101).Reason);
    }

    [Fact]
    public void A_stale_list_under_responders_only_denies_all_but_responders_and_keep_going_denies_nobody()
    {
        var list = new FixedList(new CredentialListStatus(3, 2, "h", Now.AddHours(-25)));
        using var strict = new RulesRig(freshness: time => new CredentialFreshness(list, TimeSpan.FromDays(1), StaleListPolicy.RespondersOnly, time));
        using var lenient = new RulesRig(freshness: time => new CredentialFreshness(list, TimeSpan.FromDays(1), StaleListPolicy.KeepGoing, time));
        foreach (var rig in new[] { strict, lenient })
        {
            rig.Store.Add(Staff(101, "Ada", true, null, null));
            rig.Store.Add(Staff(102, "Medic", true, null, null) with { Responder = true });
        }

        Assert.Equal(DenialReason.CredentialListStale, Decide(strict, 101).Reason);
        Assert.True(Decide(strict, 102).Granted);
        Assert.True(Decide(lenient, 101).Granted);

        list.Status = list.Status with { UpdatedAt = Now.AddHours(-23) };
        Assert.True(Decide(strict, 101).Granted);
    }

    [Fact]
    public void A_list_never_loaded_is_stale_only_when_a_maximum_age_is_set()
    {
        var time = new ManualTimeProvider(Now);
        var list = new FixedList(new CredentialListStatus(0, 0, "h", null));

        Assert.True(new CredentialFreshness(list, TimeSpan.FromDays(1), StaleListPolicy.KeepGoing, time).IsStale);
        Assert.False(new CredentialFreshness(list, null, StaleListPolicy.RespondersOnly, time).IsStale);
    }

    private sealed class FixedList(CredentialListStatus status) : ICredentialListInfo
    {
        public CredentialListStatus Status { get; set; } = status;
    }
}
