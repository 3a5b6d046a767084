using System.Diagnostics;
using Mailroom.Edge.Testing;
using Mailroom.Edge.Video.Clips;
using Mailroom.Edge.Video.Probing;

namespace Mailroom.Edge.Benchmarks.Video;

/// <summary>
/// <c>video.clip_check_*</c>: what checking a clip before <c>clip.ready</c> costs (docs/video.md, "Checking a clip"):
/// wall time of <see cref="FfprobeClipProbe.MeasureAsync"/> (two ffprobe runs: streams, then every packet) plus
/// <see cref="ClipCheck.Judge"/>, per clip. The clips are made with real ffmpeg like a camera's: 1280x720 25 fps H.264
/// at 4 Mbit/s with a 1 s GOP and 8 kHz AAC audio, index first; a typical clip (10 s pre-roll + 10 s post-roll + a GOP
/// = 21 s) and the longest one (<see cref="CameraClipper.MaxClipLength"/>, 5 min). The file is in the page cache, as a
/// clip just cut is.
/// </summary>
public sealed class ClipCheckBenchmark : IBenchmark
{
    private const int TypicalSeconds = 21;
    private const int TypicalChecks = 40;
    private const int LongChecks = 8;

    public IReadOnlyList<string> Names => ["video.clip_check_p50_ms", "video.clip_check_p99_ms", "video.clip_check_5min_p50_ms"];

    public async Task<IReadOnlyList<BenchmarkFigure>> RunAsync()
    {
        using var folder = new TempDirectory("mailroom-bench-clip-check");
        var probe = new FfprobeClipProbe("/usr/bin", FfprobeClipProbe.DefaultTimeout);
        var longSeconds = (int)CameraClipper.MaxClipLength.TotalSeconds;
        var typical = await TestPatternClip.MakeAsync(folder.File("typical.mp4"), TypicalSeconds, audio: true, 1280, 720, "4M");
        var longest = await TestPatternClip.MakeAsync(folder.File("longest.mp4"), longSeconds, audio: true, 1280, 720, "4M");

        var typicalMs = await TimeChecksAsync(probe, typical, TypicalSeconds, TypicalChecks);
        var longMs = await TimeChecksAsync(probe, longest, longSeconds, LongChecks);

        // The checks are process starts and file reads, so a shared machine's load shows in them: say what it was.
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        Dictionary<string, object> Context(string file, int seconds, int checks) => new()
        {
            ["clip_s"] = seconds, ["clips"] = checks, ["size_bytes"] = new FileInfo(file).Length,
            ["stream"] = "1280x720 25 fps H.264 4 Mbit/s GOP 1 s + AAC 8 kHz mono", ["ffprobe_runs_per_clip"] = 2, ["loadavg_1m_after"] = load,
        };
        return
        [
            new BenchmarkFigure("video.clip_check_p50_ms", Percentiles.Of(typicalMs, 50), "ms", Context(typical, TypicalSeconds, TypicalChecks)),
            new BenchmarkFigure("video.clip_check_p99_ms", Percentiles.Of(typicalMs, 99), "ms", Context(typical, TypicalSeconds, TypicalChecks)),
            new BenchmarkFigure("video.clip_check_5min_p50_ms", Percentiles.Of(longMs, 50), "ms",
                new Dictionary<string, object>(Context(longest, longSeconds, LongChecks)) { ["max_ms"] = longMs.Max() }),
        ];
    }

    private static async Task<List<double>> TimeChecksAsync(FfprobeClipProbe probe, string path, int seconds, int checks)
    {
        var samples = new List<double>(checks);
        for (var i = 0; i < checks; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var result = ClipCheck.Judge(await probe.MeasureAsync(path, CancellationToken.None), TimeSpan.FromSeconds(seconds), audioExpected: true);
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            // A figure for a check that did not pass would measure something else.
            if (result.Outcome != ClipCheckOutcome.Passed)
                throw new InvalidOperationException($"the benchmark clip failed its check: {result.Reason} {result.Detail}");
        }
        return samples;
    }
}
