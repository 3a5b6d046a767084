using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Nfc;
using Mailroom.Edge.Core.Readers.Wiegand;
using Xunit;
using Mailroom.Edge.Core.Tests.Access;

namespace Mailroom.Edge.Core.Tests.Readers.Nfc;

/// <summary>An NFC reader's loop on a scripted chip, in front of the rules rig's front door (Uma's card DEADBEEF is
/// enrolled by UID; staff may pass).</summary>
public sealed class NfcReaderLoopTests : IDisposable
{
    private readonly RulesRig _rig = new();
    private readonly Queue<string?> _script = new();
    private readonly List<ScriptedNfcChip> _opened = [];
    private readonly NfcReaderLoop _loop;
    private int _failedOpens;

    public NfcReaderLoopTests()
    {
        _rig.Store.Add(new EnrolledCredential("Uid", null, 0xDEADBEEF, "Uma", true, null, null) { Groups = ["staff"] });
        var point = new AccessPoint(new ReaderId("front-nfc"), ReaderDirection.None, [CardFormats.Uid], _rig.Rules, _rig.Site, _rig.FrontDoor,
            _rig.AccessEvents, _rig.Time);
        _loop = new NfcReaderLoop(Open, point, _rig.AccessEvents, _rig.Time);
    }

    private ScriptedNfcChip Open()
    {
        if (_failedOpens > 0)
        {
            _failedOpens--;
            throw new NfcChipException("no chip answers");
        }
        var chip = new ScriptedNfcChip(_script);
        _opened.Add(chip);
        return chip;
    }

    private void Poll(params string?[] answers)
    {
        foreach (var answer in answers)
            _script.Enqueue(answer);
        while (_script.Count > 0)
            _loop.PollOnce();
    }

    private List<AccessEvent> Decisions => [.. _rig.AccessEvents.OfType<AccessEvent>()];

    private List<AlarmEvent> Offline => [.. _rig.AccessEvents.OfType<AlarmEvent>().Where(a => a.Kind == AlarmKind.ReaderOffline)];

    [Fact]
    public void A_card_resting_on_the_reader_is_one_presentation_even_when_it_answers_only_every_other_poll()
    {
        Poll("DEADBEEF", null, "DEADBEEF", null, "DEADBEEF", "DEADBEEF");

        var decision = Assert.Single(Decisions);
        Assert.Equal((true, "Uma"), (decision.Decision.Granted, decision.Decision.Holder));
    }

    [Fact]
    public void A_card_taken_away_and_presented_again_is_a_second_presentation()
    {
        Poll("DEADBEEF", null, null, "DEADBEEF");

        Assert.Equal(2, Decisions.Count);
    }

    [Fact]
    public void Another_card_while_the_first_rests_is_presented_at_once()
    {
        Poll("DEADBEEF", "CAFEF00D");

        Assert.Equal([true, false], Decisions.Select(d => d.Decision.Granted));
        Assert.Equal(DenialReason.UnknownCredential, Decisions[1].Decision.Reason);
    }

    [Fact]
    public void A_uid_of_a_length_no_card_has_is_rejected_with_the_reason_and_never_decided()
    {
        Poll("0102030405");

        Assert.Empty(Decisions);
        var rejected = Assert.Single(_rig.AccessEvents.OfType<FrameRejectedEvent>());
        Assert.Contains("5-byte UID", rejected.Problem, StringComparison.Ordinal);
        Assert.False(_rig.FrontReleased);
    }

    [Fact]
    public void A_failing_chip_raises_reader_offline_once_is_reset_each_time_and_clears_it_when_it_answers()
    {
        Poll("!bus error", "!bus error");
        Assert.Empty(Offline);

        Poll("!bus error", "!bus error");
        var raised = Assert.Single(Offline);
        Assert.True(raised.Active);
        Assert.Equal("front-nfc", raised.Source);
        Assert.Contains("bus error", raised.Detail, StringComparison.Ordinal);
        // Every failure dropped the chip; each poll after one opened (reset) it again.
        Assert.Equal(4, _opened.Count);
        Assert.All(_opened, c => Assert.True(c.Disposed));

        Poll("DEADBEEF");
        Assert.Equal([true, false], Offline.Select(a => a.Active));
        Assert.True(Assert.Single(Decisions).Decision.Granted);
        Assert.True(_loop.Counters.Snapshot().Online);
    }

    [Fact]
    public void A_chip_that_cannot_be_opened_counts_as_failing()
    {
        _failedOpens = 3;
        _loop.PollOnce();
        _loop.PollOnce();
        var wait = _loop.PollOnce();

        Assert.True(Assert.Single(Offline).Active);
        Assert.Equal(NfcTiming.Default.Reopen, wait);
        Assert.Equal("no chip answers", _loop.Counters.Snapshot().LastProblem);
    }

    public void Dispose()
    {
        _loop.Dispose();
        _rig.Dispose();
    }
}
