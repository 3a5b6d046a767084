using System.Text;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Keypad;
using Mailroom.Edge.Core.Readers.Nfc;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Core.Schedules;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Access;

public sealed class AccessPointTests : IDisposable
{
    private static readonly DoorId Door = new("front");
    private readonly ManualTimeProvider _time = new();
    private readonly Credentials _store = new();
    private readonly Outputs _outputs = new();
    private readonly DoorStrike _strike;
    private readonly DoorController _door;
    private readonly AccessRules _rules;
    private readonly DoorSite _site;
    private readonly EventList _events = [];
    private readonly ReaderDiagnostics _diagnostics = new();

    public AccessPointTests()
    {
        _strike = new DoorStrike(_outputs, new LineOffset(17), true);
        _door = new DoorController(Door, new DoorSettings(), _strike, _time, _events);
        _site = new DoorSite([_door], [], _time, _events);
        _rules = new AccessRules(_store, AccessRuleSet.Open, _site, new ScheduleClock(_time, new FixedClockStatus(true), UnsyncedClockPolicy.OutsideSchedule), _time);
        _events.Clear();
    }

    private AccessPoint NewAccessPoint(IReadOnlyList<CardFormat> formats, ReaderKind kind = ReaderKind.Card) =>
        new(new ReaderId("r1"), ReaderDirection.None, formats, _rules, _site, _door, _events, _time,
            new ReaderFrontEnd
            {
                Kind = kind,
                Diagnostics = _diagnostics,
                PinEntry = kind == ReaderKind.Keypad ? new PinEntry(_time, TimeSpan.FromSeconds(5)) : null,
            });

    private static WiegandFrame Frame(WiegandBits bits) =>
        new(WiegandFrameOutcome.Complete, bits, bits.Length, null, 0, 1, 2, 2_000_000, 2_000_000);

    [Theory]
    [InlineData("H10304", "H10302", "H10304")]
    [InlineData("H10302", "H10304", "H10302")]
    public void An_ambiguous_frame_resolves_by_the_readers_order_and_records_the_format(string first, string second, string expected)
    {
        using var point = NewAccessPoint([CardFormats.Find(first)!, CardFormats.Find(second)!]);

        var (decision, _) = point.Decide(Frame(CardFormatCodec.Encode(CardFormats.H10304, 42, 1001)));

        Assert.Equal(expected, decision!.Credential.Format);
    }

    [Fact]
    public void A_biometric_match_is_published_as_a_user_number_not_a_card()
    {
        _store.Granted = true;
        using var point = NewAccessPoint([CardFormats.H10301], ReaderKind.Biometric);

        var (decision, domainEvent) = point.Decide(Frame(CardFormatCodec.Encode(CardFormats.H10301, 0, 1001)));

        Assert.Null(decision);
        Assert.False(_strike.IsReleased);
        var biometric = Assert.IsType<BiometricPresentedEvent>(domainEvent);
        Assert.Equal(new BiometricCredential("H10301", 1001), biometric.Credential);
        Assert.Contains("\"user_number\":1001", Json(biometric), StringComparison.Ordinal);
    }

    [Fact]
    public void A_keypad_PIN_is_never_in_an_event()
    {
        using var point = NewAccessPoint([], ReaderKind.Keypad);
        var events = KeypadDecoder.Frames(KeypadDecoder.ParseKeys("4711#"), KeypadFraming.EightBit)
            .Select(f => point.Decide(Frame(f)).Event).ToList();

        // The completed entry is a presentation: its decision (here: a card-only door refuses a PIN alone) is the event.
        var done = Assert.IsType<AccessEvent>(events[^1]);
        Assert.Equal(DenialReason.NoPendingCard, done.Decision.Reason);
        Assert.All(events.Take(4), Assert.Null);
        Assert.All(_events, e => Assert.DoesNotContain("4711", Json(e), StringComparison.Ordinal));
        Assert.Equal([done], _events.OfType<AccessEvent>());
    }

    [Fact]
    public void A_keypad_entry_left_unfinished_is_abandoned_by_the_clock()
    {
        using var point = NewAccessPoint([], ReaderKind.Keypad);
        point.Decide(Frame(KeypadDecoder.FourBit(KeypadKey.D4)));
        Assert.Empty(_events);

        _time.Advance(TimeSpan.FromSeconds(5));

        var pinEvent = Assert.IsType<PinEntryEvent>(Assert.Single(_events));
        Assert.Equal("abandoned", pinEvent.Outcome);
        Assert.Equal(1, pinEvent.Digits);
    }

    [Fact]
    public void A_grant_is_emitted_before_the_door_unlock_it_causes()
    {
        _store.Granted = true;
        using var point = NewAccessPoint([CardFormats.H10301]);

        point.Decide(Frame(CardFormatCodec.Encode(CardFormats.H10301, 42, 1001)));

        Assert.Equal(["access.granted", "door.unlocked"], _events.Select(e => e.Type));
        Assert.True(_strike.IsReleased);
    }

    [Fact]
    public void Diagnostics_count_each_kind_of_frame()
    {
        using var point = NewAccessPoint([CardFormats.H10301]);
        var good = CardFormatCodec.Encode(CardFormats.H10301, 1, 2);
        point.Decide(Frame(good));
        point.Decide(Frame(new WiegandBits(good.Value ^ 1, 26)));
        point.Decide(Frame(new WiegandBits(1, 30)));
        point.Decide(new WiegandFrame(WiegandFrameOutcome.Invalid, null, 12, "a glitch: pulse starts on D0 and D1 10 µs apart", 0, 0, 0, 0, 0));
        point.Decide(new WiegandFrame(WiegandFrameOutcome.Invalid, null, 3, "the kernel dropped 2 edge event(s) (buffer overflow)", 0, 0, 0, 0, 0));
        point.Decide(new WiegandFrame(WiegandFrameOutcome.Noise, null, 0, "1 pulse start(s) within 0 µs: noise", 0, 0, 0, 0, 0));

        var snapshot = _diagnostics.Snapshot();

        Assert.Equal((1, 1, 1, 1, 1, 1), (snapshot.FramesOk, snapshot.ParityErrors, snapshot.UnknownFrames, snapshot.PartialFrames, snapshot.Overflows, snapshot.NoiseBursts));
        Assert.Equal("1 pulse start(s) within 0 µs: noise", snapshot.LastProblem);
    }

    [Fact]
    public void Each_presentation_is_kept_for_the_live_view_with_how_it_decoded()
    {
        using var point = NewAccessPoint([CardFormats.H10301]);
        var good = CardFormatCodec.Encode(CardFormats.H10301, 42, 1001);
        point.Decide(new WiegandFrame(WiegandFrameOutcome.Complete, good, 26, null, 1_000, 51_001_000, 76_000_000, 1_990_000, 2_010_000));
        point.Decide(Frame(new WiegandBits(good.Value ^ 1, 26)));
        point.Decide(new WiegandFrame(WiegandFrameOutcome.Noise, null, 1, "noise", 0, 0, 0, 0, 0));
        point.Decide(new CardUid([0x04, 0xA2, 0x19, 0x7F]));

        var frames = _diagnostics.RecentFrames();

        Assert.Equal([1L, 2, 3, 4], frames.Select(f => f.Seq));
        var card = frames[0];
        Assert.Equal(("ok", "H10301", 42u, 1001ul, good.ToString()), (card.Decode, card.Format, card.Facility!.Value, card.Number!.Value, card.Bits));
        Assert.Equal((true, 1_990_000L, 2_010_000L, 51_000_000L), (card.Timed, card.MinIntervalNs, card.MaxIntervalNs, card.DurationNs));
        Assert.Equal(("parity_error", (ulong?)null), (frames[1].Decode, frames[1].Number));
        Assert.Equal(("noise", (string?)null), (frames[2].Outcome, frames[2].Decode));
        // An NFC UID comes without a frame: it is a presentation of its own, untimed, that no 26-bit format takes.
        Assert.Equal((32, false, "unknown_format"), (frames[3].BitCount, frames[3].Timed, frames[3].Decode));
        Assert.Equal([4L], _diagnostics.RecentFrames(afterSeq: 3).Select(f => f.Seq));
    }

    [Fact]
    public void A_keypad_key_is_kept_without_its_bits()
    {
        using var point = NewAccessPoint([], ReaderKind.Keypad);

        foreach (var frame in KeypadDecoder.Frames(KeypadDecoder.ParseKeys("4711#"), KeypadFraming.EightBit))
            point.Decide(Frame(frame));

        var frames = _diagnostics.RecentFrames();
        Assert.Equal(5, frames.Count);
        Assert.All(frames, f => Assert.Equal((true, (string?)null, 8, "ok"), (f.Keys, f.Bits, f.BitCount, f.Decode)));
        Assert.Null(_diagnostics.Snapshot().LastRawBits);
    }

    private static string Json(DomainEvent e) =>
        Encoding.UTF8.GetString(EventSerializer.Serialize(e, new EventEnvelope(Guid.Empty, 1), new DeviceIdentity("site", "dev")));

    public void Dispose()
    {
        _door.Dispose();
        _strike.Dispose();
        _outputs.Dispose();
    }

    private sealed class Credentials : ICredentialStore
    {
        public bool Granted { get; set; }

        public EnrolledCredential? Find(CardCredential card) =>
            Granted ? new EnrolledCredential(card.Format, card.Facility, card.Number, null, true, null, null) : null;
    }

    private sealed class Outputs : IOutputLineRequest
    {
        public void SetValue(LineOffset offset, bool active)
        {
        }

        public bool GetValue(LineOffset offset) => false;

        public void Dispose()
        {
        }
    }
}
