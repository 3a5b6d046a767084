using Mailroom.Edge.Core.Readers.Keypad;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Testing;
using Xunit;
using static Mailroom.Edge.Core.Tests.Readers.EdgeTrain;

namespace Mailroom.Edge.Core.Tests.Readers.Keypad;

public class PinEntryTests
{
    private readonly ManualTimeProvider _time = new();

    private PinEntry NewEntry() => new(_time, TimeSpan.FromSeconds(5), maxDigits: 8);

    private static List<PinEntryResult> Type(PinEntry entry, string keys) =>
        KeypadDecoder.ParseKeys(keys).Select(entry.Press).ToList();

    [Fact]
    public void Hash_ends_the_PIN()
    {
        var entry = NewEntry();

        var results = Type(entry, "4711#");

        Assert.Equal(PinEntryOutcome.Completed, results[^1].Outcome);
        Assert.Equal("4711", results[^1].Pin!.Reveal());
        Assert.False(entry.InProgress);
    }

    [Fact]
    public void Star_clears_what_was_typed()
    {
        var entry = NewEntry();

        var results = Type(entry, "99*4711#");

        Assert.Equal(PinEntryOutcome.Cleared, results[2].Outcome);
        Assert.Equal("4711", results[^1].Pin!.Reveal());
    }

    [Fact]
    public void A_pause_longer_than_the_timeout_abandons_the_digits_before_it()
    {
        var entry = NewEntry();
        Type(entry, "12");
        _time.Advance(TimeSpan.FromSeconds(4.9));
        Type(entry, "3");
        _time.Advance(TimeSpan.FromSeconds(5));

        var next = entry.Press(KeypadKey.D4);
        var end = entry.Press(KeypadKey.Hash);

        Assert.True(next.AbandonedStale);
        Assert.Equal("4", end.Pin!.Reveal());
    }

    [Fact]
    public void Expire_abandons_on_the_clock_without_a_key()
    {
        var entry = NewEntry();
        Type(entry, "12");
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(5), entry.AbandonsAt);

        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(entry.Expire());
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(entry.Expire());

        Assert.False(entry.InProgress);
        Assert.Equal(PinEntryOutcome.Empty, entry.Press(KeypadKey.Hash).Outcome);
    }

    [Fact]
    public void Too_many_digits_discard_the_entry()
    {
        var entry = NewEntry();

        var results = Type(entry, "123456789");

        Assert.Equal(PinEntryOutcome.TooLong, results[^1].Outcome);
        Assert.False(entry.InProgress);
    }

    [Fact]
    public void A_pin_never_prints_its_digits()
    {
        var pin = new Pin("4711");

        Assert.DoesNotContain("4711", pin.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("4711", $"{pin}", StringComparison.Ordinal);
        Assert.True(pin.Matches("4711"));
        Assert.False(pin.Matches("4712"));
    }

    [Theory]
    [InlineData(KeypadFraming.FourBit)]
    [InlineData(KeypadFraming.EightBit)]
    [InlineData(KeypadFraming.Packed26)]
    public void Keys_typed_as_fast_as_the_reader_sends_them_are_never_lost(KeypadFraming framing)
    {
        // Frames 1 ms of silence beyond the adaptive end of frame apart (4 bit periods of 2 ms): the fastest a reader
        // can send; each frame is closed by the next frame's timestamps, not by the decoder's wake-up.
        var typed = "0123456789*0#";
        var train = new EdgeTrain();
        long start = 0;
        foreach (var frame in KeypadDecoder.Frames(KeypadDecoder.ParseKeys(typed), framing))
        {
            train.Frame(frame, start);
            start += (frame.Length - 1) * 2_000_000L + 9_000_000L;
        }
        var assembler = new WiegandFrameAssembler(D0, D1, WiegandTiming.Default);
        var entry = NewEntry();

        var results = Run(assembler, train.Events, long.MaxValue)
            .SelectMany(f => KeypadDecoder.TryDecode(f.Bits!.Value, out var keys, out var error) ? keys : throw new InvalidOperationException(error))
            .Select(entry.Press)
            .ToList();

        Assert.Equal(typed.Length, results.Count);
        Assert.Equal("0", results[^1].Pin!.Reveal());
    }
}
