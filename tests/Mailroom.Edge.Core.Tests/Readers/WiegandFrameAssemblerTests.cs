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
        Assert.Equal(50_000, frame.MinPulseWidthNs);
        Assert.Equal(2_000_000, frame.MaxIntervalNs);
    }

    [Fact]
    public void End_of_frame_is_four_measured_bit_periods_after_the_last_edge()
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

        Assert.Equal(25 * 15_000_000L + 50_000 + 25_000_000, assembler.DeadlineNs);
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
    public void A_glitch_invalidates_the_frame()
    {
        var train = new EdgeTrain().Frame(Card, 0).Pulse(D0, 51_000_000, 2_000);

        var frame = Assert.Single(Run(NewAssembler(), train.Events, long.MaxValue));

        Assert.Equal(WiegandFrameOutcome.Invalid, frame.Outcome);
        Assert.Null(frame.Bits);
        Assert.Contains("glitch", frame.Problem);
    }

    [Fact]
    public void A_glitch_alone_is_noise()
    {
        var frame = Assert.Single(Run(NewAssembler(), new EdgeTrain().Pulse(D1, 0, 3_000).Events, long.MaxValue));

        Assert.Equal(WiegandFrameOutcome.Noise, frame.Outcome);
    }

    [Fact]
    public void Simultaneous_D0_and_D1_pulses_invalidate_the_frame()
    {
        var train = new EdgeTrain()
            .Edge(D0, EdgeKind.Falling, 0).Edge(D1, EdgeKind.Falling, 10_000)
            .Edge(D0, EdgeKind.Rising, 50_000).Edge(D1, EdgeKind.Rising, 60_000);

        var frame = Assert.Single(Run(NewAssembler(), train.Events, long.MaxValue));

        Assert.Equal(WiegandFrameOutcome.Invalid, frame.Outcome);
        Assert.Contains("same time", frame.Problem);
    }

    [Fact]
    public void A_gap_in_the_kernel_sequence_numbers_invalidates_the_frame()
    {
        var train = new EdgeTrain().Pulse(D0, 0, 50_000).LoseWhole(D1, 2).Frame(WiegandBits.Parse("1010"), 2_000_000);

        var frame = Assert.Single(Run(NewAssembler(), train.Events, long.MaxValue));

        Assert.Equal(WiegandFrameOutcome.Invalid, frame.Outcome);
        Assert.Contains("2 edge event(s) lost", frame.Problem);
        Assert.Contains("buffer overflow", frame.Problem);
    }

    [Fact]
    public void Edges_of_one_line_that_arrive_after_the_other_lines_later_edges_are_no_loss()
    {
        // D0 and D1 each have an interrupt thread; seqnos are taken at the edge, so a late thread's events come after
        // the other line's later ones with lower seqnos.
        var events = new EdgeTrain().Frame(Card, 0).Events.ToList();
        var swap = Enumerable.Range(0, Card.Length - 1).First(i => Card[i] != Card[i + 1]) * 2;
        events = [.. events[..swap], .. events[(swap + 2)..(swap + 4)], .. events[swap..(swap + 2)], .. events[(swap + 4)..]];

        var frame = Assert.Single(Run(NewAssembler(), events, long.MaxValue));

        Assert.Null(frame.Problem);
        Assert.Equal(Card, frame.Bits);
    }

    [Fact]
    public void A_repeated_sequence_number_is_no_loss()
    {
        // The interrupt thread read the line's seqno after the next edge's hard interrupt had replaced it: the event
        // carries the next edge's number, and so does the next edge's own event.
        var events = new EdgeTrain().Frame(Card, 0).Events.ToList();
        events[6] = events[6] with { SeqNo = events[7].SeqNo };

        var frame = Assert.Single(Run(NewAssembler(), events, long.MaxValue));

        Assert.Null(frame.Problem);
        Assert.Equal(Card, frame.Bits);
    }

    [Fact]
    public void An_edge_the_late_interrupt_thread_merged_is_reported_as_a_missed_edge_not_an_overflow()
    {
        var train = new EdgeTrain().Frame(WiegandBits.Parse("1010"), 0)
            .PulseMergedByLateInterruptThread(D1, 8_000_000, 50_000).Frame(WiegandBits.Parse("0101"), 10_000_000);

        var frame = Assert.Single(Run(NewAssembler(), train.Events, long.MaxValue));

        Assert.Equal(WiegandFrameOutcome.Invalid, frame.Outcome);
        Assert.Contains("missed 1 edge", frame.Problem);
        Assert.DoesNotContain("overflow", frame.Problem);
    }

    [Fact]
    public void A_frame_decodes_when_the_kernel_names_every_falling_edge_rising()
    {
        // The interrupt thread read the line after the pulse had ended: the id says rising, the timestamp is the fall's.
        var events = new EdgeTrain().Frame(Card, 0).Events.Select(e => e with { Edge = EdgeKind.Rising });

        var frame = Assert.Single(Run(NewAssembler(), events, long.MaxValue));

        Assert.Null(frame.Problem);
        Assert.Equal(Card, frame.Bits);
        Assert.Equal((50_000, 50_000), (frame.MinPulseWidthNs, frame.MaxPulseWidthNs));
    }

    [Fact]
    public void Any_frame_decodes_whatever_edge_ids_the_kernel_reads_late()
    {
        var random = new Random(17);
        for (var run = 0; run < 500; run++)
        {
            var sent = CardFormatCodec.Encode(CardFormats.H10301, (uint)random.Next(256), (ulong)random.Next(65536));
            var train = new EdgeTrain().JitteredFrame(sent, random);
            var events = train.Events.Select(e => random.Next(3) == 0 ? e with { Edge = EdgeKind.Rising } : e);

            var frame = Assert.Single(Run(NewAssembler(), events, long.MaxValue));

            Assert.Equal(sent, frame.Bits);
        }
    }

    [Theory]
    [InlineData("parity")]
    [InlineData("length")]
    public void A_bad_frame_with_late_edge_ids_is_still_rejected(string fault)
    {
        var sent = fault == "parity"
            ? WiegandBits.Parse(Card.ToString()[..25] + (Card[25] ? "0" : "1"))
            : WiegandBits.Parse(Card.ToString()[..25]);
        var events = new EdgeTrain().Frame(sent, 0).Events.Select((e, i) => i % 4 == 0 ? e with { Edge = EdgeKind.Rising } : e);

        var frame = Assert.Single(Run(NewAssembler(), events, long.MaxValue));
        var decoded = CardFormatCodec.Decode(frame.Bits!.Value, CardFormats.H10301);

        Assert.Equal(sent, frame.Bits);
        Assert.Equal(fault == "parity" ? CardDecodeStatus.ParityError : CardDecodeStatus.LengthMismatch, decoded.Status);
    }

    [Fact]
    public void Pulses_closer_than_the_minimum_interval_invalidate_the_frame()
    {
        var frame = Assert.Single(Run(NewAssembler(), new EdgeTrain().Frame(Card, 0, intervalNs: 150_000).Events, long.MaxValue));

        Assert.Equal(WiegandFrameOutcome.Invalid, frame.Outcome);
    }

    [Fact]
    public void A_line_stuck_low_is_reported_not_decoded()
    {
        var train = new EdgeTrain().Pulse(D1, 0, 50_000).Edge(D0, EdgeKind.Falling, 2_000_000);

        var frame = Assert.Single(Run(NewAssembler(), train.Events, long.MaxValue));

        Assert.Equal(WiegandFrameOutcome.Invalid, frame.Outcome);
        Assert.Contains("still low", frame.Problem);
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
    public void Glitches_anywhere_in_a_frame_never_let_it_through()
    {
        var random = new Random(13);
        for (var run = 0; run < 2_000; run++)
        {
            var sent = CardFormatCodec.Encode(CardFormats.H10301, (uint)random.Next(256), (ulong)random.Next(65536));
            var glitchAt = random.Next(sent.Length);
            var train = new EdgeTrain();
            for (var i = 0; i < sent.Length; i++)
            {
                var bitStart = i * 2_000_000L;
                train.Pulse(sent[i] ? D1 : D0, bitStart, 50_000);
                if (i == glitchAt)
                    train.Pulse(random.Next(2) == 0 ? D0 : D1, bitStart + random.Next(300_000, 1_500_000), random.Next(1, 9_000));
            }

            var frame = Assert.Single(Run(NewAssembler(), train.Events, long.MaxValue));

            Assert.Equal(WiegandFrameOutcome.Invalid, frame.Outcome);
            Assert.Null(frame.Bits);
        }
    }
}
