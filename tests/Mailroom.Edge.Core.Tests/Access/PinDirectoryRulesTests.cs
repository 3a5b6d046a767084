using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Access;

/// <summary>Entry by PIN alone through the <see cref="IPinLookup"/>: duress, ambiguity, and the index never deciding.</summary>
public class PinDirectoryRulesTests
{
    [Theory]
    [InlineData(DoorMode.PinOnly)]
    [InlineData(DoorMode.CardOrPin)]
    public void A_duress_pin_alone_grants_and_raises_the_silent_alarm(DoorMode mode)
    {
        using var rig = new RulesRig(frontMode: mode);

        var decision = rig.Pin("9999");

        Assert.True(decision.Granted);
        Assert.True(decision.Duress);
        Assert.Equal("Ada", decision.Holder);
        Assert.Contains(rig.Events, e => e is AlarmEvent { Kind: AlarmKind.Duress, Active: true });
    }

    [Fact]
    public void A_pin_shared_by_two_credentials_is_refused_at_a_pin_only_door_and_says_pins_must_be_unique()
    {
        using var rig = new RulesRig(frontMode: DoorMode.PinOnly);
        var shared = PinHash.Hash("2468", 1000);
        rig.Store.Add(new EnrolledCredential("H10301", RulesRig.Facility, 21, "Lee", true, null, null) { Groups = ["staff"], PinHash = shared });
        rig.Store.Add(new EnrolledCredential("H10301", RulesRig.Facility, 22, "Max", true, null, null) { Groups = ["staff"], PinHash = shared });

        var decision = rig.Pin("2468");

        Assert.False(decision.Granted);
        Assert.Equal(DenialReason.AmbiguousPin, decision.Reason);
        Assert.Contains("unique PINs", decision.Trace[^1].Detail, StringComparison.Ordinal);
        Assert.False(rig.FrontReleased);
    }

    [Fact]
    public void The_index_only_finds_candidates_the_pbkdf2_hash_decides()
    {
        var pin = PinHash.Hash("1357", 1000);
        var ada = new EnrolledCredential("H10301", 42, 1, "Ada", true, null, null) { PinHash = pin };

        Assert.Equal(new PinMatch(ada, false), PinMatch.Of(ada, "1357"));
        Assert.Null(PinMatch.Of(ada, "1358"));
        Assert.Null(PinMatch.Of(ada with { PinHash = "pbkdf2-sha256$1$bad$bad" }, "1357"));
    }

    [Fact]
    public void The_pin_index_is_keyed_and_a_short_key_is_refused()
    {
        var key = new PinIndexKey(new byte[32]);
        var other = new PinIndexKey(Enumerable.Repeat((byte)1, 32).ToArray());

        Assert.Matches("^[0-9a-f]{64}$", key.Index("1234"));
        Assert.Equal(key.Index("1234"), key.Index("1234"));
        Assert.NotEqual(key.Index("1234"), other.Index("1234"));
        Assert.Null(PinIndexKey.TryParse(Convert.ToBase64String(new byte[16]), out var problem));
        Assert.Contains("at least 32", problem, StringComparison.Ordinal);
        Assert.Null(PinIndexKey.TryParse("not base64!", out _));
        Assert.DoesNotContain("AAAA", key.ToString(), StringComparison.Ordinal);
    }
}
