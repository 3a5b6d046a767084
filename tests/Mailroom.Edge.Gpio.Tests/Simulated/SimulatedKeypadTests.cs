using System.Threading.Channels;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Core.Readers.Keypad;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Gpio.Simulated;
using Xunit;

namespace Mailroom.Edge.Gpio.Tests.Simulated;

public class SimulatedKeypadTests
{
    [Theory]
    [InlineData(KeypadFraming.FourBit)]
    [InlineData(KeypadFraming.EightBit)]
    [InlineData(KeypadFraming.Packed26)]
    public async Task Keys_sent_by_the_simulated_reader_reach_PIN_entry_through_the_real_reader_loop(KeypadFraming framing)
    {
        var time = TimeProvider.System;
        using var chip = new SimulatedGpioChip(time);
        var d0 = chip.ResolveLine("23");
        var d1 = chip.ResolveLine("24");
        using var lines = WiegandLines.Request(chip, "test", d0, d1, 256);
        var loop = new WiegandReaderLoop(chip, lines, new WiegandFrameAssembler(d0, d1, WiegandTiming.Default), time);
        var reader = new SimulatedWiegandReader(chip, d0, d1, time);
        var entry = new PinEntry(time, TimeSpan.FromSeconds(5));
        var results = Channel.CreateUnbounded<string>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var run = loop.RunAsync(frame =>
        {
            if (frame.Bits is not { } bits || !KeypadDecoder.TryDecode(bits, out var keys, out var error))
            {
                results.Writer.TryWrite($"bad frame: {frame.Outcome} {frame.BitCount} bits {frame.Problem}");
                return ValueTask.CompletedTask;
            }
            foreach (var key in keys)
            {
                if (entry.Press(key).Pin is { } pin)
                    results.Writer.TryWrite(pin.Matches("4711") ? "4711" : $"other PIN of {pin.Length} digits");
            }
            return ValueTask.CompletedTask;
        }, cts.Token);

        await reader.SendKeysAsync("9*4711#", framing, TimeSpan.Zero, cts.Token);
        var entered = await results.Reader.ReadAsync(cts.Token);

        Assert.Equal("4711", entered);
        await cts.CancelAsync();
        // The loop either notices the cancellation between edges (returns) or while waiting (throws); both are a stop.
        var stopped = await Record.ExceptionAsync(() => run);
        Assert.True(stopped is null or OperationCanceledException, stopped?.ToString());
    }
}
