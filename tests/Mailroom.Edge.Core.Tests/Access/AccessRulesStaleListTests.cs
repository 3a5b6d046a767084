using Mailroom.Edge.Core.Access;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Access;

/// <summary>Credentials:WhenStale = RespondersOnly on the full rules, as the agent wires them (DoorSystem).</summary>
public class AccessRulesStaleListTests
{
    private static Func<TimeProvider, CredentialFreshness> ListLoaded(TimeSpan ago, StaleListPolicy policy) =>
        time => new CredentialFreshness(new FixedList(new CredentialListStatus(3, 10, "h", time.GetUtcNow() - ago)), TimeSpan.FromDays(1), policy, time);

    [Fact]
    public void A_stale_list_admits_responders_only()
    {
        using var rig = new RulesRig(freshness: ListLoaded(TimeSpan.FromDays(2), StaleListPolicy.RespondersOnly));

        var staff = rig.Card(1);
        var responder = rig.Card(4);

        Assert.False(staff.Granted);
        Assert.Equal(DenialReason.CredentialListStale, staff.Reason);
        Assert.Equal("list_fresh", staff.Trace[^1].Name);
        Assert.True(responder.Granted);
    }

    [Theory]
    [InlineData(2, StaleListPolicy.KeepGoing)]
    [InlineData(0.5, StaleListPolicy.RespondersOnly)]
    public void A_fresh_list_or_the_keep_going_policy_changes_nothing(double daysOld, StaleListPolicy policy)
    {
        using var rig = new RulesRig(freshness: ListLoaded(TimeSpan.FromDays(daysOld), policy));

        Assert.True(rig.Card(1).Granted);
    }

    private sealed class FixedList(CredentialListStatus status) : ICredentialListInfo
    {
        public CredentialListStatus Status => status;
    }
}
