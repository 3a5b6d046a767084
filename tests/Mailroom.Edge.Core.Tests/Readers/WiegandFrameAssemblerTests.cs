using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Core.Readers.Wiegand;
using Xunit;
using static Mailroom.Edge.Core.Tests.Readers.EdgeTrain;

namespace Mailroom.Edge.Core.Tests.Readers;

public class WiegandFrameAssemblerTests
{
    private static readonly WiegandBits Card = CardFormatCodec.Encode(CardFormats.H10301, 42, 1001);

    private static WiegandFrameAssembler NewAssembler() => new(D0, D1, WiegandTiming.Default);

    [Fact]
    public void A_clean_frame_is_complete_with_its_bits_and_timing()
    {
        var frames = Run(NewAssembler(), new EdgeTrain().Frame(Card, 1_000_000).Events, long.MaxValue);

        var frame = Assert.Single(frames);
        Assert.Equal(WiegandFrameOutcome.Complete, frame.Outcome);
        Assert.Equal(Card, frame.Bits);
        Assert.Equal((2_000_000, 2_000_000), (frame.MinIntervalNs, frame.MaxIntervalNs));
        Assert.Equal((1_000_000, 51_000_000), (frame.FirstEdgeNs, frame.LastEdgeNs));
    }

    [Fact]
    public void End_of_frame_is_four_measured_bit_periods_after_the_last_pulse_start()
    {
        var assembler = NewAssembler();
        var train = new EdgeTrain().Frame(Card, 0);
        foreach (var e in train.Events)
            Assert.Null(assembler.OnEdge(e));
        var lastEdge = train.Events[^1].TimestampNs;

        Assert.Equal(lastEdge + 8_000_000, assembler.DeadlineNs);
        Assert.Null(assembler.OnTime(lastEdge + 7_999_999));
        Assert.NotNull(assembler.OnTime(lastEdge + 8_000_000));
        Assert.Null(assembler.DeadlineNs);
    }

    [Fact]
    public void Slow_readers_are_clamped_to_the_maximum_silence()
    {
        var assembler = NewAssembler();
        foreach (var e in new EdgeTrain().Frame(Card, 0, intervalNs: 15_000_000).Events)
            assembler.OnEdge(e);

        Assert.Equal(25 * 15_000_000L + 25_000_000, assembler.DeadlineNs);
    }

    [Fact]
    public void Two_frames_back_to_back_are_separated_by_the_timestamps_alone()
    {
        var other = CardFormatCodec.Encode(CardFormats.H10301, 7, 7);
        var train = new EdgeTrain().Frame(Card, 0).Frame(other, 100_000_000);

        var frames = Run(NewAssembler(), train.Events, long.MaxValue);

        Assert.Equal([Card, other], frames.Select(f => f.Bits!.Value));
    }

    [Fact]
    public void A_pulse_start_closer_than_the_minimum_interval_is_a_glitch_that_invalidates_the_frame()
    {
        var train = new EdgeTrain().Frame(Card, 0).Fall(D0, 50_100_000);

        var frame = Assert.Single(Run(NewAssembler(), train.Events, long.MaxValue));

        Assert.Equal(WiegandFrameOutcome.Invalid, frame.Outcome);
        Assert.Null(frame.Bits);
        Assert.Contains("glitch", frame.Problem);
        Assert.Equal(Card.Length, frame.BitCount);
    }

    [Fact]
    public void A_glitch_alone_is_noise()
    {
        var frame = Assert.Single(Run(NewAssembler(), new EdgeTrain().Fall(D1, 0).Fall(D1, 3_000).Fall(D0, 20_000).Events, long.MaxValue));

        Assert.Equal(WiegandFrameOutcome.Noise, frame.Outcome);
        Assert.Equal(0, frame.BitCount);
    }

    [Fact]
    public void A_lone_pulse_start_is_noise()
    {
        // A spike looks like a pulse start once widths are not measured, and no Wiegand format has one bit.
        var frame = Assert.Single(Run(NewAssembler(), new EdgeTrain().Fall(D0, 0).Events, long.MaxValue));

        Assert.Equal(WiegandFrameOutcome.Noise, frame.Outcome);
    }

    [Fact]
    public void D0_and_D1_falling_together_invalidate_the_frame()
    {
        var train = new EdgeTrain().Frame(WiegandBits.Parse("101"), 0).Fall(D0, 6_000_000).Fall(D1, 6_010_000)
            .Frame(WiegandBits.Parse("0110"), 8_000_000);

        var frame = Assert.Single(Run(NewAssembler(), train.Events, long.MaxValue));

        Assert.Equal(WiegandFrameOutcome.Invalid, frame.Outcome);
        Assert.Contains("D0 and D1", frame.Problem);
    }

    /// <summary>The second case is a 4-event kernel buffer that a 26-bit card overflowed while no reader thread ran: the
    /// kernel dropped the oldest events, and only the last four pulse starts remain.</summary>
    [Theory]
    [InlineData(3, 5, "2 edge event(s) lost whole")]
    [InlineData(0, 22, "the frame's first 22 edge(s) were lost")]
    public void Edges_lost_inside_a_frame_or_before_its_first_invalidate_it(int lostFrom, int lostTo, string problem)
    {
        var train = new EdgeTrain().FrameWithLosses(Card, 0, i => i < lostFrom || i >= lostTo);

        var frame = Assert.Single(Run(NewAssembler(), train.Events, long.MaxValue));

        Assert.Equal(WiegandFrameOutcome.Invalid, frame.Outcome);
        Assert.Contains(problem, frame.Problem);
        Assert.Contains("buffer overflow", frame.Problem);
    }

    [Fact]
    public void A_frame_cut_short_by_edges_lost_after_it_is_invalid()
    {
        // The reader thread read the first four pulse starts, then did not run while the kernel's buffer overflowed;
        // the rest of the card arrived after the first part's end-of-frame silence, behind a gap.
        var train = new EdgeTrain().FrameWithLosses(Card, 0, i => i < 4 || i >= 22);

        var frames = Run(NewAssembler(), train.Events, long.MaxValue);

        Assert.Equal(2, frames.Count);
        Assert.All(frames, f => Assert.Equal(WiegandFrameOutcome.Invalid, f.Outcome));
        Assert.Contains("18 edge(s) after its last were lost", frames[0].Problem);
    }

    [Fact]
    public void A_frame_decodes_when_every_pulses_interrupt_thread_ran_late()
    {
        // Each line's thread ran up to almost a bit period after each pulse had ended: one event per pulse start,
        // stamped and numbered by the hard interrupt, id Falling, D0's events arriving after D1's later ones.
        var events = new EdgeTrain().Frame(Card, 0).Events.OrderBy(e => e.TimestampNs + (e.Offset == D0 ? 1_900_000 : 0));

        var frame = Assert.Single(Run(NewAssembler(), events, long.MaxValue));

        Assert.Null(frame.Problem);
        Assert.Equal(Card, frame.Bits);
    }

    [Fact]
    public void Pulse_starts_of_one_line_that_arrive_after_the_other_lines_later_ones_are_no_loss()
    {
        // D0 and D1 each have an interrupt thread; seqnos are taken at the edge, so a late thread's events come after
        // the other line's later ones with lower seqnos.
        var events = new EdgeTrain().Frame(Card, 0).Events.ToList();
        var swap = Enumerable.Range(0, Card.Length - 1).First(i => Card[i] != Card[i + 1]);
        (events[swap], events[swap + 1]) = (events[swap + 1], events[swap]);

        var frame = Assert.Single(Run(NewAssembler(), events, long.MaxValue));

        Assert.Null(frame.Problem);
        Assert.Equal(Card, frame.Bits);
    }

    [Fact]
    public void A_repeated_sequence_number_is_no_loss()
    {
        // The interrupt thread read the line's seqno after the line's next hard interrupt had replaced it: the event
        // carries the next pulse start's number, and so does that pulse start's own event.
        var events = new EdgeTrain().Frame(Card, 0).Events.ToList();
        var same = Enumerable.Range(0, Card.Length - 1).First(i => Card[i] == Card[i + 1]);
        events[same] = events[same] with { SeqNo = events[same + 1].SeqNo };

        var frame = Assert.Single(Run(NewAssembler(), events, long.MaxValue));

        Assert.Null(frame.Problem);
        Assert.Equal(Card, frame.Bits);
    }

    [Fact]
    public void Pulse_starts_the_late_interrupt_thread_merged_are_reported_as_a_missed_edge_not_an_overflow()
    {
        var train = new EdgeTrain().Frame(WiegandBits.Parse("1010"), 0)
            .FallsMergedByLateInterruptThread(D1, 10_000_000).Frame(WiegandBits.Parse("0101"), 12_000_000);

        var frame = Assert.Single(Run(NewAssembler(), train.Events, long.MaxValue));

        Assert.Equal(WiegandFrameOutcome.Invalid, frame.Outcome);
        Assert.Contains("missed 1 edge", frame.Problem);
        Assert.DoesNotContain("overflow", frame.Problem);
    }

    [Fact]
    public void A_line_still_low_when_the_frame_ends_makes_it_invalid()
    {
        var frame = Assert.Single(Run(NewAssembler(), new EdgeTrain().Frame(Card, 0).Events, long.MaxValue));

        var held = WiegandFrameAssembler.CheckLinesHigh(frame, d0High: true, d1High: false);

        Assert.Equal(WiegandFrameOutcome.Invalid, held.Outcome);
        Assert.Null(held.Bits);
        Assert.Equal("D1 held low (stuck or shorted to ground?)", held.Problem);
        Assert.Same(frame, WiegandFrameAssembler.CheckLinesHigh(frame, d0High: true, d1High: true));
    }

    [Fact]
    public void A_line_held_low_after_a_lost_edge_keeps_the_loss_first()
    {
        var lost = Assert.Single(Run(NewAssembler(), new EdgeTrain().Fall(D0, 0).LoseWhole(D1, 2).Frame(WiegandBits.Parse("1010"), 6_000_000).Events, long.MaxValue));

        var held = WiegandFrameAssembler.CheckLinesHigh(lost, d0High: false, d1High: true);

        Assert.StartsWith(lost.Problem!, held.Problem);
        Assert.EndsWith("D0 held low (stuck or shorted to ground?)", held.Problem);
    }

    [Theory]
    [InlineData("parity")]
    [InlineData("length")]
    public void A_bad_frame_is_complete_and_left_to_the_card_format_to_reject(string fault)
    {
        var sent = fault == "parity"
            ? WiegandBits.Parse(Card.ToString()[..25] + (Card[25] ? "0" : "1"))
            : WiegandBits.Parse(Card.ToString()[..25]);

        var frame = Assert.Single(Run(NewAssembler(), new EdgeTrain().Frame(sent, 0).Events, long.MaxValue));
        var decoded = CardFormatCodec.Decode(frame.Bits!.Value, CardFormats.H10301);

        Assert.Equal(sent, frame.Bits);
        Assert.Equal(fault == "parity" ? CardDecodeStatus.ParityError : CardDecodeStatus.LengthMismatch, decoded.Status);
    }

    [Fact]
    public void Pulse_starts_closer_than_the_minimum_interval_invalidate_the_frame()
    {
        var frame = Assert.Single(Run(NewAssembler(), new EdgeTrain().Frame(Card, 0, intervalNs: 150_000).Events, long.MaxValue));

        Assert.Equal(WiegandFrameOutcome.Invalid, frame.Outcome);
        Assert.Contains("150 µs apart", frame.Problem);
    }

    [Fact]
    public void Any_frame_with_jitter_inside_the_spec_decodes_to_itself()
    {
        var random = new Random(5);
        for (var run = 0; run < 2_000; run++)
        {
            var sent = CardFormatCodec.Encode(CardFormats.H10301, (uint)random.Next(256), (ulong)random.Next(65536));
            var train = new EdgeTrain().JitteredFrame(sent, random);

            var frame = Assert.Single(Run(NewAssembler(), train.Events, long.MaxValue));

            Assert.Equal(sent, frame.Bits);
        }
    }

    public static TheoryData<string> Formats => new(CardFormats.All.Where(f => !f.AnyLength).Select(f => f.Name));

    [Theory]
    [MemberData(nameof(Formats))]
    public void Any_card_of_any_format_with_jitter_inside_the_spec_decodes_to_its_fields(string name)
    {
        var format = CardFormats.Find(name)!;
        var random = new Random(11);
        for (var run = 0; run < 500; run++)
        {
            var facility = format.Facility is { } f ? (uint?)(uint)(random.NextInt64() & ((1L << f.Length) - 1)) : null;
            var number = (ulong)random.NextInt64() & ((1UL << format.Number.Length) - 1);
            var sent = CardFormatCodec.Encode(format, facility, number);
            var train = new EdgeTrain().JitteredFrame(sent, random);

            var frame = Assert.Single(Run(NewAssembler(), train.Events, long.MaxValue));

            Assert.Equal(new CardCredential(format.Name, facility, number), CardFormatCodec.Decode(frame.Bits!.Value, format).Credential);
        }
    }

    [Fact]
    public void Glitches_near_a_pulse_start_never_let_the_frame_through()
    {
        var random = new Random(13);
        for (var run = 0; run < 2_000; run++)
        {
            var sent = CardFormatCodec.Encode(CardFormats.H10301, (uint)random.Next(256), (ulong)random.Next(65536));
            var glitchAt = random.Next(sent.Length);
            var starts = Enumerable.Range(0, sent.Length).Select(i => (Line: sent[i] ? D1 : D0, Ns: i * 2_000_000L + 1_000_000)).ToList();
            starts.Add((random.Next(2) == 0 ? D0 : D1, starts[glitchAt].Ns + random.Next(-199_000, 200_000)));

            var frame = Assert.Single(Run(NewAssembler(), InTimeOrder(starts), long.MaxValue));

            Assert.Equal(WiegandFrameOutcome.Invalid, frame.Outcome);
            Assert.Null(frame.Bits);
        }
    }

    [Fact]
    public void A_spike_between_pulse_starts_adds_a_bit_that_the_card_format_rejects()
    {
        // Without pulse widths a spike a bit interval away from every pulse start cannot be told from a bit; the frame
        // has one bit too many, so no format of the card's length accepts it.
        var random = new Random(19);
        for (var run = 0; run < 2_000; run++)
        {
            var sent = CardFormatCodec.Encode(CardFormats.H10301, (uint)random.Next(256), (ulong)random.Next(65536));
            var starts = Enumerable.Range(0, sent.Length).Select(i => (Line: sent[i] ? D1 : D0, Ns: i * 2_000_000L)).ToList();
            starts.Add((random.Next(2) == 0 ? D0 : D1, random.Next(sent.Length - 1) * 2_000_000L + random.Next(200_000, 1_800_001)));

            var frame = Assert.Single(Run(NewAssembler(), InTimeOrder(starts), long.MaxValue));

            Assert.Equal(sent.Length + 1, frame.BitCount);
            Assert.Equal(CardDecodeStatus.LengthMismatch, CardFormatCodec.Decode(frame.Bits!.Value, CardFormats.H10301).Status);
        }
    }

    private static IReadOnlyList<LineEdgeEvent> InTimeOrder(IEnumerable<(LineOffset Line, long Ns)> starts)
    {
        var train = new EdgeTrain();
        foreach (var (line, ns) in starts.OrderBy(s => s.Ns))
            train.Fall(line, ns);
        return train.Events;
    }
}
