using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Access;

public class AccessPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _time = new(Now);
    private readonly InMemoryCredentials _store = new();

    private AccessDecision Decide(ulong number) => new AccessPolicy(_store, _time).Decide(new CardCredential("H10301", 42, number));

    [Fact]
    public void An_enrolled_enabled_card_in_its_window_is_granted_with_a_full_trace()
    {
        _store.Add(new EnrolledCredential("H10301", 42, 1, "Ada", true, Now.AddDays(-1), Now.AddDays(1)));

        var decision = Decide(1);

        Assert.True(decision.Granted);
        Assert.Null(decision.Reason);
        Assert.Equal("Ada", decision.Holder);
        Assert.Equal(["enrolled", "enabled", "validity"], decision.Trace.Select(c => c.Name));
        Assert.All(decision.Trace, c => Assert.True(c.Passed));
    }

    [Theory]
    [InlineData(true, -2, -1, DenialReason.CredentialExpired)]
    [InlineData(true, 1, 2, DenialReason.CredentialNotYetValid)]
    [InlineData(false, -1, 1, DenialReason.CredentialDisabled)]
    public void Cards_outside_their_rules_are_denied_with_the_first_failed_check(bool enabled, int fromDays, int untilDays, DenialReason expected)
    {
        _store.Add(new EnrolledCredential("H10301", 42, 1, "Ada", enabled, Now.AddDays(fromDays), Now.AddDays(untilDays)));

        var decision = Decide(1);

        Assert.False(decision.Granted);
        Assert.Equal(expected, decision.Reason);
        Assert.False(decision.Trace[^1].Passed);
    }

    [Fact]
    public void An_unknown_card_is_denied()
    {
        var decision = Decide(99);

        Assert.False(decision.Granted);
        Assert.Equal(DenialReason.UnknownCredential, decision.Reason);
        Assert.Null(decision.Holder);
    }

    [Fact]
    public void Validity_ends_exactly_at_valid_until()
    {
        _store.Add(new EnrolledCredential("H10301", 42, 1, null, true, null, Now.AddSeconds(1)));
        Assert.True(Decide(1).Granted);

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(DenialReason.CredentialExpired, Decide(1).Reason);
    }

    [Fact]
    public void A_stale_list_under_responders_only_denies_all_but_responders_and_keep_going_denies_nobody()
    {
        _store.Add(new EnrolledCredential("H10301", 42, 1, "Ada", true, null, null));
        _store.Add(new EnrolledCredential("H10301", 42, 2, "Medic", true, null, null) { Responder = true });
        var list = new FixedList(new CredentialListStatus(3, 2, "h", Now.AddHours(-25)));
        var strict = new AccessPolicy(_store, _time, new CredentialFreshness(list, TimeSpan.FromDays(1), StaleListPolicy.RespondersOnly, _time));
        var lenient = new AccessPolicy(_store, _time, new CredentialFreshness(list, TimeSpan.FromDays(1), StaleListPolicy.KeepGoing, _time));

        Assert.Equal(DenialReason.CredentialListStale, strict.Decide(new CardCredential("H10301", 42, 1)).Reason);
        Assert.True(strict.Decide(new CardCredential("H10301", 42, 2)).Granted);
        Assert.True(lenient.Decide(new CardCredential("H10301", 42, 1)).Granted);

        list.Status = list.Status with { UpdatedAt = Now.AddHours(-23) };
        Assert.True(strict.Decide(new CardCredential("H10301", 42, 1)).Granted);
    }

    [Fact]
    public void A_list_never_loaded_is_stale_only_when_a_maximum_age_is_set()
    {
        var list = new FixedList(new CredentialListStatus(0, 0, "h", null));

        Assert.True(new CredentialFreshness(list, TimeSpan.FromDays(1), StaleListPolicy.KeepGoing, _time).IsStale);
        Assert.False(new CredentialFreshness(list, null, StaleListPolicy.RespondersOnly, _time).IsStale);
    }

    private sealed class FixedList(CredentialListStatus status) : ICredentialListInfo
    {
        public CredentialListStatus Status { get; set; } = status;
    }
}
