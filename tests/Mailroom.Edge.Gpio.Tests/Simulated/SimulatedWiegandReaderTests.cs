using System.Threading.Channels;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Gpio.Simulated;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Gpio.Tests.Simulated;

/// <summary>The simulated reader through the agent's own line request and reader loop, as the kernel would deliver it.</summary>
public sealed class SimulatedWiegandReaderTests
{
    private static readonly WiegandBits Card = CardFormatCodec.Encode(CardFormats.H10301, 42, 1001);

    [Fact]
    public void The_wiegand_request_gets_one_falling_event_per_bit_numbered_as_the_kernel_numbers_them()
    {
        var time = new ManualTimeProvider();
        using var chip = new SimulatedGpioChip(time);
        var (d0, d1) = (chip.ResolveLine("23"), chip.ResolveLine("24"));
        using var lines = WiegandLines.Request(chip, "test", d0, d1, 256);
        var reader = new SimulatedWiegandReader(chip, d0, d1, time);
        time.Advance(TimeSpan.FromTicks(reader.DurationNs(Card.Length) / 100 + 1));

        reader.Send(Card);

        var events = new List<LineEdgeEvent>();
        while (lines.Events.TryRead(out var e))
            events.Add(e);
        Assert.Equal(Card.Length, events.Count);
        Assert.All(events, e => Assert.Equal(EdgeKind.Falling, e.Edge));
        Assert.Equal(Enumerable.Range(0, Card.Length).Select(i => Card[i] ? d1 : d0), events.Select(e => e.Offset));
        Assert.Equal(Enumerable.Range(1, Card.Length).Select(i => (uint)i), events.Select(e => e.SeqNo));
        Assert.Equal((uint)Enumerable.Range(0, Card.Length).Count(i => !Card[i]), events.Where(e => e.Offset == d0).Max(e => e.LineSeqNo));
    }

    [Fact]
    public async Task A_card_decodes_through_the_real_reader_loop()
    {
        var frame = await FirstFrameAsync((chip, d0, d1) => new SimulatedWiegandReader(chip, d0, d1, TimeProvider.System).SendAsync(Card));

        Assert.Equal(WiegandFrameOutcome.Complete, frame.Outcome);
        Assert.Equal(Card, frame.Bits);
    }

    [Fact]
    public async Task A_line_still_low_when_the_frame_ends_makes_it_invalid()
    {
        var frame = await FirstFrameAsync((chip, d0, _) =>
        {
            chip.SetInputLevel(d0, high: false);
            return Task.CompletedTask;
        });

        Assert.Equal(WiegandFrameOutcome.Invalid, frame.Outcome);
        Assert.Equal("D0 held low (stuck or shorted to ground?)", frame.Problem);
    }

    /// <summary>Runs the agent's reader path on a simulated chip with the system clock and returns its first frame.</summary>
    private static async Task<WiegandFrame> FirstFrameAsync(Func<SimulatedGpioChip, LineOffset, LineOffset, Task> wire)
    {
        var time = TimeProvider.System;
        using var chip = new SimulatedGpioChip(time);
        var (d0, d1) = (chip.ResolveLine("23"), chip.ResolveLine("24"));
        using var lines = WiegandLines.Request(chip, "test", d0, d1, 256);
        var loop = new WiegandReaderLoop(chip, lines, new WiegandFrameAssembler(d0, d1, WiegandTiming.Default), time);
        var frames = Channel.CreateUnbounded<WiegandFrame>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var run = loop.RunAsync(frame => frames.Writer.WriteAsync(frame, cts.Token), cts.Token);

        await wire(chip, d0, d1);
        var first = await frames.Reader.ReadAsync(cts.Token);

        await cts.CancelAsync();
        // The loop either notices the cancellation between edges (returns) or while waiting (throws); both are a stop.
        var stopped = await Record.ExceptionAsync(() => run);
        Assert.True(stopped is null or OperationCanceledException, stopped?.ToString());
        return first;
    }
}
