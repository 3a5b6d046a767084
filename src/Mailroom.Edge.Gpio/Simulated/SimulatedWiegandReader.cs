using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Core.Readers.Keypad;
using Mailroom.Edge.Core.Readers.Wiegand;

namespace Mailroom.Edge.Gpio.Simulated;

/// <summary>
/// A Wiegand reader wired to a simulated chip: sends a frame as low pulses on D0 (0) and D1 (1). The frame is injected
/// as a burst with the timestamps it had on the wire, ending now — exactly what the kernel delivers to a reader thread
/// that was busy while the card was read.
/// </summary>
public sealed class SimulatedWiegandReader(SimulatedGpioChip chip, LineOffset d0, LineOffset d1, TimeProvider time)
{
    public TimeSpan PulseWidth { get; init; } = TimeSpan.FromMicroseconds(50);

    public TimeSpan BitInterval { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>How long the frame takes on the wire, first falling edge to last rising edge.</summary>
    public long DurationNs(int bitCount) => ((bitCount - 1) * BitInterval.Ticks + PulseWidth.Ticks) * 100;

    /// <summary>Sends a frame that ended now. Throws if the chip's last edge is too recent for the frame to fit before now
    /// (with a fake clock, advance it by <see cref="DurationNs"/> first).</summary>
    public void Send(WiegandBits bits)
    {
        var start = chip.NowNs - DurationNs(bits.Length);
        if (chip.LastEdgeNs is { } last && start <= last)
            throw new InvalidOperationException("the previous edge is too recent for this frame to have been sent yet; advance the clock");
        Emit(bits, start);
    }

    /// <summary>Sends a frame, waiting (on the time provider) until the wire has been quiet long enough for it.</summary>
    public async Task SendAsync(WiegandBits bits, CancellationToken cancellationToken = default)
    {
        var duration = DurationNs(bits.Length);
        // Timers have millisecond granularity: wait in steps of at least 1 ms until the frame fits.
        while (chip.LastEdgeNs is { } last && last + duration + 1 - chip.NowNs is var waitNs && waitNs > 0)
            await Task.Delay(TimeSpan.FromTicks(Math.Max(waitNs / 100 + 1, TimeSpan.TicksPerMillisecond)), time, cancellationToken);
        Send(bits);
    }

    /// <summary>
    /// Types keys on a keypad, e.g. <c>"1234#"</c>: each frame of the keypad's framing is sent as soon as the wire has
    /// been quiet long enough after the previous one, plus <paramref name="pause"/> (a person's pace; zero for a burst
    /// as fast as the reader allows). For the demo: <c>await reader.SendKeysAsync("4711#", KeypadFraming.FourBit,
    /// TimeSpan.FromMilliseconds(300))</c>.
    /// </summary>
    public async Task SendKeysAsync(string keys, KeypadFraming framing, TimeSpan pause, CancellationToken cancellationToken = default)
    {
        foreach (var frame in KeypadDecoder.Frames(KeypadDecoder.ParseKeys(keys), framing))
        {
            if (pause > TimeSpan.Zero)
                await Task.Delay(pause, time, cancellationToken);
            // The assembler needs an end-of-frame silence between two frames; wait out its longest bound.
            await SendAfterSilenceAsync(frame, WiegandTiming.Default.EndOfFrameMax, cancellationToken);
        }
    }

    private async Task SendAfterSilenceAsync(WiegandBits bits, TimeSpan silence, CancellationToken cancellationToken)
    {
        var duration = DurationNs(bits.Length);
        if (chip.LastEdgeNs is { } last)
        {
            var waitNs = last + silence.Ticks * 100 + duration + 1 - chip.NowNs;
            if (waitNs > 0)
                await Task.Delay(TimeSpan.FromTicks(waitNs / 100 + 1), time, cancellationToken);
        }
        Send(bits);
    }

    /// <summary>Emits the edges of a frame starting at <paramref name="startNs"/>; exposed for tests that build odd
    /// pulse trains themselves.</summary>
    internal void Emit(WiegandBits bits, long startNs)
    {
        var interval = BitInterval.Ticks * 100;
        var width = PulseWidth.Ticks * 100;
        var edges = new List<(LineOffset, bool, long)>(bits.Length * 2);
        for (var i = 0; i < bits.Length; i++)
        {
            var line = bits[i] ? d1 : d0;
            var fall = startNs + i * interval;
            edges.Add((line, false, fall));
            edges.Add((line, true, fall + width));
        }
        chip.InjectBurst(edges);
    }
}
