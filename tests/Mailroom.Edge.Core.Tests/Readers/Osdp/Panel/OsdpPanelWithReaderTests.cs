using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Readers.Feedback;
using Mailroom.Edge.Core.Readers.Osdp;
using Mailroom.Edge.Core.Readers.Osdp.Panel;
using Mailroom.Edge.Core.Readers.Osdp.Simulation;
using Mailroom.Edge.Core.Readers.Wiegand;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Readers.Osdp.Panel;

/// <summary>The panel against simulated readers on an in-memory bus: the protocol as the door sees it.</summary>
public sealed class OsdpPanelWithReaderTests
{
    private static readonly WiegandBits Card = WiegandBits.Parse("00000110000001010010110111"[..26]);

    private static bool Online(OsdpTestBus bus, int reader = 0) => bus.Sessions[reader].State == OsdpReaderState.Online;

    [Fact]
    public void A_card_on_a_secure_reader_is_delivered_once_and_the_led_reaches_the_reader()
    {
        using var bus = new OsdpTestBus(OsdpTestBus.Reader());
        bus.RunUntil(() => Online(bus));
        bus.Simulators[0].PresentCard(Card);
        bus.RunUntil(() => bus.Inputs[0].Cards.Count > 0);
        bus.Run(5);

        Assert.Equal(Card, Assert.Single(bus.Inputs[0].Cards).Bits);
        // At rest the reader is shown red and silent; a decision's pattern step then turns it green and beeping.
        Assert.Equal(OsdpColor.Red, bus.Simulators[0].LedCommands[^1].Permanent.OnColor);
        Assert.Equal(1, bus.Simulators[0].BuzzerCommands[^1].Tone);
        bus.Sessions[0].Show(LedColor.Green, true);
        bus.RunUntil(() => bus.Simulators[0].BuzzerCommands[^1].Tone == 2);
        Assert.Equal(OsdpColor.Green, bus.Simulators[0].LedCommands[^1].Permanent.OnColor);
        Assert.Equal(1, bus.Simulators[0].Sessions);
        Assert.Equal(0, bus.Sessions[0].Counters.Snapshot().MacErrors);
    }

    [Fact]
    public void Keys_reach_the_door_as_typed()
    {
        using var bus = new OsdpTestBus(OsdpTestBus.Reader());
        bus.RunUntil(() => Online(bus));
        bus.Simulators[0].PressKeys("1234#");
        bus.RunUntil(() => bus.Inputs[0].Keys.Count > 0);
        Assert.Equal("1234#", Assert.Single(bus.Inputs[0].Keys));
    }

    [Fact]
    public void A_reader_that_stops_answering_raises_offline_and_clears_it_when_it_answers_again()
    {
        using var bus = new OsdpTestBus(OsdpTestBus.Reader());
        bus.RunUntil(() => Online(bus));
        bus.Simulators[0].Misbehaviour = new OsdpReaderMisbehaviour { Silent = true };
        bus.RunUntil(() => bus.EventTypes.Contains("alarm.reader_offline"));
        Assert.Equal(OsdpReaderState.Offline, bus.Sessions[0].State);

        bus.Simulators[0].Misbehaviour = OsdpReaderMisbehaviour.None;
        bus.RunUntil(() => Online(bus));
        Assert.Equal(["alarm.reader_offline", "alarm.reader_offline_cleared"], bus.EventTypes);
        Assert.Equal(2, bus.Sessions[0].Counters.Snapshot().Handshakes);
    }

    [Fact]
    public void Tamper_and_power_reported_by_the_reader_raise_and_clear_their_alarms()
    {
        using var bus = new OsdpTestBus(OsdpTestBus.Reader());
        bus.RunUntil(() => Online(bus));
        bus.Run(5);
        bus.Simulators[0].SetTamper(true);
        bus.RunUntil(() => bus.EventTypes.Contains("alarm.reader_tamper"));
        bus.Simulators[0].SetPowerFault(true);
        bus.Simulators[0].SetTamper(false);
        bus.Simulators[0].SetPowerFault(false);
        bus.RunUntil(() => bus.EventTypes.Contains("alarm.reader_power_cleared"));

        Assert.Equal(["alarm.reader_tamper", "alarm.reader_power", "alarm.reader_tamper_cleared", "alarm.reader_power_cleared"], bus.EventTypes);
        Assert.All(bus.Events.OfType<AlarmEvent>(), a => Assert.Equal("reader0", a.Source));
    }

    [Fact]
    public void A_reader_already_tampered_when_it_connects_is_reported_from_the_first_status()
    {
        using var bus = new OsdpTestBus(OsdpTestBus.Reader());
        bus.Simulators[0].SetTamper(true);
        bus.RunUntil(() => bus.EventTypes.Contains("alarm.reader_tamper"));
        Assert.Equal(OsdpReaderState.Online, bus.Sessions[0].State);
    }

    [Fact]
    public void Lost_replies_are_recovered_by_retransmission_and_a_card_is_never_delivered_twice()
    {
        using var bus = new OsdpTestBus(OsdpTestBus.Reader());
        bus.RunUntil(() => Online(bus));
        bus.Simulators[0].Misbehaviour = new OsdpReaderMisbehaviour { DropEveryNthReply = 2 };
        for (var i = 0; i < 5; i++)
        {
            bus.Simulators[0].PresentCard(Card);
            bus.RunUntil(() => bus.Inputs[0].Cards.Count > i);
        }
        bus.Run(20);

        Assert.Equal(5, bus.Inputs[0].Cards.Count);
        Assert.True(bus.Simulators[0].RepeatedReplies > 0, "the reader answered a retransmission from its cache");
        Assert.DoesNotContain("alarm.reader_offline", bus.EventTypes);
        Assert.Equal(OsdpReaderState.Online, bus.Sessions[0].State);
    }

    [Fact]
    public void A_forged_capability_reply_claiming_no_encryption_is_an_alarm_and_is_not_believed()
    {
        using var bus = new OsdpTestBus(OsdpTestBus.Reader());
        bus.Simulators[0].Misbehaviour = new OsdpReaderMisbehaviour { DowngradedCapabilities = true };
        bus.Simulators[0].PresentCard(Card);
        bus.RunUntil(() => bus.Inputs[0].Cards.Count > 0);

        // The handshake went ahead anyway and succeeded, so the claim was false: raised, then cleared; the card came
        // over Secure Channel.
        Assert.Equal(["alarm.reader_downgrade", "alarm.reader_downgrade_cleared"], bus.EventTypes);
        Assert.Equal(1, bus.Simulators[0].Sessions);
    }

    [Fact]
    public void A_reader_that_cannot_do_secure_channel_is_never_polled_in_plaintext()
    {
        var plaintextOnly = new OsdpCapabilities([new(3, 1, 0), new(4, 1, 1)]);
        using var bus = new OsdpTestBus(OsdpTestBus.Reader() with { Capabilities = plaintextOnly });
        bus.Simulators[0].PresentCard(Card);
        bus.RunUntil(() => bus.Sessions[0].State == OsdpReaderState.Refused);
        bus.Time.Advance(OsdpTiming.Default.HandshakeRetry);
        bus.Run(50);

        Assert.Equal("alarm.reader_downgrade", Assert.Single(bus.EventTypes));
        Assert.NotEqual(OsdpReaderState.Online, bus.Sessions[0].State);
        Assert.Equal(0, bus.Sessions[0].Counters.Snapshot().Polls);
        Assert.Empty(bus.Inputs[0].Cards);
    }

    [Fact]
    public void A_reader_holding_another_key_is_an_alarm_and_is_never_rekeyed()
    {
        var otherKey = Enumerable.Repeat((byte)0x42, 16).ToArray();
        using var bus = new OsdpTestBus(OsdpTestBus.Reader() with { BaseKey = otherKey });
        bus.Simulators[0].PresentCard(Card);
        bus.RunUntil(() => bus.EventTypes.Contains("alarm.reader_key_mismatch"));
        bus.Time.Advance(OsdpTiming.Default.HandshakeRetry);
        bus.Run(50);

        Assert.Equal(OsdpReaderState.KeyMismatch, bus.Sessions[0].State);
        Assert.Equal(otherKey, bus.Simulators[0].BaseKey);
        Assert.Equal(OsdpTestBus.SiteKey, bus.Keys.Find("reader0"));
        Assert.Empty(bus.Inputs[0].Cards);
        Assert.Single(bus.EventTypes, t => t == "alarm.reader_key_mismatch");
        Assert.Contains("cryptogram does not match", bus.Sessions[0].Counters.Snapshot().LastProblem);
    }

    [Fact]
    public void Install_mode_gives_a_new_reader_a_fresh_key_and_ends()
    {
        using var bus = new OsdpTestBus(new OsdpReaderSimulatorOptions { Address = 0, InstallMode = true });
        bus.RunUntil(() => bus.Sessions[0].State == OsdpReaderState.KeyMismatch);
        Assert.Equal(OsdpReaderState.KeyMismatch, bus.Sessions[0].State);

        bus.Sessions[0].BeginInstall(TimeSpan.FromMinutes(10), "tester");
        bus.Time.Advance(OsdpTiming.Default.HandshakeRetry);
        bus.RunUntil(() => Online(bus) && !bus.Sessions[0].Installing);

        var key = bus.Keys.Find("reader0");
        Assert.NotNull(key);
        Assert.NotEqual(OsdpTestBus.SiteKey, key);
        Assert.Equal(key, bus.Simulators[0].BaseKey);
        Assert.False(bus.Simulators[0].InstallMode);
        Assert.Contains("reader.install_keyed", bus.EventTypes);
        Assert.Equal("keyed", bus.Events.OfType<ReaderInstallEvent>().Last().Outcome);
        bus.Simulators[0].PresentCard(Card);
        bus.RunUntil(() => bus.Inputs[0].Cards.Count > 0);
    }

    [Fact]
    public void Install_mode_that_is_not_used_expires_and_the_default_key_is_refused_again()
    {
        using var bus = new OsdpTestBus(new OsdpReaderSimulatorOptions { Address = 0, InstallMode = true });
        bus.Simulators[0].Misbehaviour = new OsdpReaderMisbehaviour { Silent = true };
        bus.Sessions[0].BeginInstall(TimeSpan.FromMinutes(1), "tester");
        bus.Run(3);
        bus.Time.Advance(TimeSpan.FromMinutes(1));
        bus.Run(1);

        Assert.False(bus.Sessions[0].Installing);
        Assert.Equal("expired", bus.Events.OfType<ReaderInstallEvent>().Last().Outcome);
        bus.Simulators[0].Misbehaviour = OsdpReaderMisbehaviour.None;
        bus.Time.Advance(OsdpTiming.Default.HandshakeRetry);
        bus.Run(50);
        Assert.NotEqual(OsdpReaderState.Online, bus.Sessions[0].State);
        Assert.Null(bus.Simulators[0].BaseKey);
    }

    [Fact]
    public void Four_readers_on_one_bus_are_each_polled_once_a_round_and_a_card_waits_at_most_one_round()
    {
        using var bus = new OsdpTestBus(OsdpTestBus.Reader(0), OsdpTestBus.Reader(1), OsdpTestBus.Reader(2), OsdpTestBus.Reader(3));
        bus.RunUntil(() => bus.Sessions.All(s => s.State == OsdpReaderState.Online));
        // Past the first commands of each session (POLL, LSTAT, the LED and buzzer at rest): now only POLLs.
        bus.Run(5);
        var before = bus.Sessions.Select(s => s.Counters.Snapshot().Polls).ToList();
        bus.Simulators[2].PresentCard(Card);
        bus.Run(1);

        Assert.Equal(Card, Assert.Single(bus.Inputs[2].Cards).Bits);
        Assert.All(bus.Sessions, s => Assert.Equal(before[bus.Sessions.ToList().IndexOf(s)] + 1, s.Counters.Snapshot().Polls));
        Assert.All([0, 1, 3], i => Assert.Empty(bus.Inputs[i].Cards));
    }

    [Fact]
    public void A_decisions_led_and_buzzer_go_out_in_the_same_round_as_the_poll_so_a_card_never_waits_an_extra_round()
    {
        using var bus = new OsdpTestBus(OsdpTestBus.Reader());
        bus.RunUntil(() => Online(bus));
        bus.Run(5);
        var polls = bus.Sessions[0].Counters.Snapshot().Polls;
        bus.Sessions[0].Show(LedColor.Green, true);
        bus.Simulators[0].PresentCard(Card);
        bus.Run(1);

        Assert.Equal(polls + 1, bus.Sessions[0].Counters.Snapshot().Polls);
        Assert.Single(bus.Inputs[0].Cards);
        Assert.Equal(OsdpColor.Green, bus.Simulators[0].LedCommands[^1].Permanent.OnColor);
        Assert.Equal(2, bus.Simulators[0].BuzzerCommands[^1].Tone);
    }

    [Fact]
    public void Install_mode_on_a_reader_already_in_a_session_on_its_own_key_closes_at_once()
    {
        using var bus = new OsdpTestBus(OsdpTestBus.Reader());
        bus.RunUntil(() => Online(bus));
        bus.Sessions[0].BeginInstall(TimeSpan.FromMinutes(10), "tester");

        Assert.False(bus.Sessions[0].Installing);
        Assert.Equal(["reader.install_started", "reader.install_ended"], bus.EventTypes);
        Assert.Equal("already_keyed", bus.Events.OfType<ReaderInstallEvent>().Last().Outcome);
    }

    [Fact]
    public void Plaintext_when_configured_none_reads_cards_without_a_session()
    {
        using var bus = new OsdpTestBus(OsdpSecurity.None, new OsdpReaderSimulatorOptions { Address = 5 });
        bus.RunUntil(() => Online(bus));
        bus.Simulators[0].PresentCard(Card);
        bus.RunUntil(() => bus.Inputs[0].Cards.Count > 0);
        Assert.Equal(0, bus.Simulators[0].Sessions);
    }
}
