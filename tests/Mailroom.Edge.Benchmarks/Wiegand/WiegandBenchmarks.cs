using System.Diagnostics;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Gpio.Simulated;

namespace Mailroom.Edge.Benchmarks.Wiegand;

/// <summary>
/// Wiegand figures for the benchmark program, each as (name, value, unit):
/// <list type="bullet">
/// <item><c>wiegand.decode_frames_per_s</c>: the pure path — kernel-style edges through the frame assembler, then every
/// shipped format tried in order — single-threaded, frames per second.</item>
/// <item><c>wiegand.frame_end_to_credential_ms_p99</c> (adaptive end of frame), its fixed 25 ms counterpart and their
/// ratio: the real <see cref="WiegandReaderLoop"/> on the simulated chip and the system clock, 2 ms bit interval,
/// measured from the last edge's timestamp to the frame callback.</item>
/// </list>
/// </summary>
public static class WiegandBenchmarks
{
    public static IEnumerable<(string Name, double Value, string Unit)> Run()
    {
        DecodeFramesPerSecond(TimeSpan.FromMilliseconds(300)); // JIT tiering warm-up
        yield return ("wiegand.decode_frames_per_s", DecodeFramesPerSecond(TimeSpan.FromSeconds(1)), "frames/s");
        var adaptive = FrameEndToCallbackMs(WiegandTiming.Default, frames: 200);
        var fixedGap = FrameEndToCallbackMs(WiegandTiming.Default with
        {
            EndOfFrameMin = TimeSpan.FromMilliseconds(25),
            EndOfFrameMax = TimeSpan.FromMilliseconds(25),
        }, frames: 100);
        yield return ("wiegand.frame_end_to_credential_ms_p99", adaptive.P99, "ms");
        yield return ("wiegand.frame_end_to_credential_ms_p99_fixed_25ms", fixedGap.P99, "ms");
        yield return ("wiegand.frame_end_to_credential_p99_fixed_over_adaptive", fixedGap.P99 / adaptive.P99, "ratio");
        yield return ("wiegand.frame_end_to_credential_ms_p50", adaptive.P50, "ms");
        yield return ("wiegand.frame_end_to_credential_ms_p50_fixed_25ms", fixedGap.P50, "ms");
    }

    /// <summary>Frames per second through assembler and codec, cycling through one card of every shipped format.</summary>
    public static double DecodeFramesPerSecond(TimeSpan duration)
    {
        var d0 = new LineOffset(23);
        var d1 = new LineOffset(24);
        var formats = CardFormats.All;
        var cards = formats.Where(f => !f.AnyLength)
            .Select(f => CardFormatCodec.Encode(f, f.Facility is null ? null : 42u, 1001))
            .ToArray();
        var edges = cards.Select(bits => Edges(bits, d0, d1)).ToArray();
        var assembler = new WiegandFrameAssembler(d0, d1, WiegandTiming.Default);
        long frames = 0, offsetNs = 0, sink = 0;
        uint seq = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            for (var batch = 0; batch < 1_000; batch++)
            {
                var train = edges[frames % edges.Length];
                WiegandFrame? frame = null;
                foreach (var e in train)
                    frame ??= assembler.OnEdge(e with { TimestampNs = e.TimestampNs + offsetNs, SeqNo = ++seq });
                frame ??= assembler.OnTime(long.MaxValue);
                offsetNs += 1_000_000_000;
                foreach (var format in formats)
                {
                    var result = CardFormatCodec.Decode(frame!.Bits!.Value, format);
                    if (result.IsOk)
                    {
                        sink += (long)result.Credential!.Number;
                        break;
                    }
                }
                frames++;
            }
        }
        GC.KeepAlive(sink);
        return frames / clock.Elapsed.TotalSeconds;
    }

    /// <summary>p50 and p99 of (callback time − last edge timestamp) in ms, frames sent one at a time on the system
    /// clock after 20 unmeasured warm-up frames.</summary>
    public static (double P50, double P99) FrameEndToCallbackMs(WiegandTiming timing, int frames)
    {
        var time = TimeProvider.System;
        using var chip = new SimulatedGpioChip(time);
        var d0 = chip.ResolveLine("23");
        var d1 = chip.ResolveLine("24");
        using var lines = WiegandLines.Request(chip, "bench", d0, d1, 1024);
        var reader = new SimulatedWiegandReader(chip, d0, d1, time) { BitInterval = TimeSpan.FromMilliseconds(2) };
        var loop = new WiegandReaderLoop(chip, lines, new WiegandFrameAssembler(d0, d1, timing), time);
        var latencies = new List<double>(frames);
        var broken = 0;
        SemaphoreSlim done = new(0);
        using var cts = new CancellationTokenSource();
        var run = Task.Run(() => loop.RunAsync(frame =>
        {
            lock (latencies)
                latencies.Add((chip.NowNs - frame.LastEdgeNs) / 1e6);
            if (frame.Outcome != WiegandFrameOutcome.Complete)
                Interlocked.Increment(ref broken);
            done.Release();
            return ValueTask.CompletedTask;
        }, cts.Token));
        var card = CardFormatCodec.Encode(CardFormats.H10301, 42, 1001);
        const int warmUp = 20;
        for (var i = 0; i < frames + warmUp; i++)
        {
            if (i == warmUp)
            {
                lock (latencies)
                    latencies.Clear();
            }
            // A person presents the next card well after the last: 5 ms of quiet beyond the frame's own duration.
            while (chip.LastEdgeNs is { } last && chip.NowNs < last + reader.DurationNs(card.Length) + 5_000_000)
                Thread.Sleep(1);
            reader.Send(card);
            if (!done.Wait(TimeSpan.FromSeconds(2)))
                throw new TimeoutException("the reader loop produced no frame");
        }
        cts.Cancel();
        try
        {
            run.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        done.Dispose();
        if (broken > 0)
            throw new InvalidOperationException($"{broken} of {frames} frames did not arrive complete; the figure would be meaningless");
        latencies.Sort();
        return (latencies[latencies.Count / 2], latencies[(int)Math.Ceiling(latencies.Count * 0.99) - 1]);
    }

    private static List<LineEdgeEvent> Edges(WiegandBits bits, LineOffset d0, LineOffset d1)
    {
        // One event per bit, as the falling-edge request of WiegandLines gives them.
        var list = new List<LineEdgeEvent>(bits.Length);
        uint seq = 0, d0Seq = 0, d1Seq = 0;
        for (var i = 0; i < bits.Length; i++)
        {
            var line = bits[i] ? d1 : d0;
            list.Add(new LineEdgeEvent(i * 2_000_000L, line, EdgeKind.Falling, ++seq, bits[i] ? ++d1Seq : ++d0Seq));
        }
        return list;
    }
}
