using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Benchmarks.Video;

/// <summary>Video figures with real ffmpeg against the loopback GStreamer RTSP camera (<see cref="VideoBenchmarks"/>).</summary>
public sealed class VideoBenchmark : IBenchmark
{
    public IReadOnlyList<string> Names => ["video.clip_ready_after_post_roll_s", "video.recorder_cpu_percent", "video.recorder_cpu_percent_audio"];

    public async Task<IReadOnlyList<BenchmarkFigure>> RunAsync()
    {
        var (p95, samples) = await VideoBenchmarks.ClipReadyAfterPostRollAsync(clips: 8);
        var cpu = await VideoBenchmarks.RecorderCpuPercentAsync(TimeSpan.FromSeconds(20));
        var cpuAudio = await VideoBenchmarks.RecorderCpuPercentAsync(TimeSpan.FromSeconds(20), TestCameraAudio.Pcmu);
        return
        [
            new BenchmarkFigure("video.clip_ready_after_post_roll_s", p95, "s",
                new Dictionary<string, object> { ["percentile"] = 95, ["clips"] = samples.Count, ["pre_s"] = 2, ["post_s"] = 2 }),
            new BenchmarkFigure("video.recorder_cpu_percent", cpu, "% of one core",
                new Dictionary<string, object> { ["stream"] = "1280x720 25 fps H.264, stream copy", ["interval_s"] = 20 }),
            new BenchmarkFigure("video.recorder_cpu_percent_audio", cpuAudio, "% of one core",
                new Dictionary<string, object>
                {
                    ["stream"] = "1280x720 25 fps H.264 stream copy + G.711 PCMU 8 kHz mono encoded to AAC 48 kbit/s", ["interval_s"] = 20,
                }),
        ];
    }
}
