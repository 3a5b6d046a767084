using System.Globalization;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Video;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mailroom.Edge.Testing;

/// <summary>Video figures for the benchmark program, measured with real ffmpeg against the loopback RTSP test camera.</summary>
public static class VideoBenchmarks
{
    /// <summary>
    /// <c>video.clip_ready_after_post_roll_s</c>: for each of <paramref name="clips"/> triggers, seconds from the end of
    /// the post-roll (t + post) to the <c>clip.ready</c> event; returns the p95 (nearest rank) and all samples. The wait
    /// is one GOP for the covering segment to close, plus the poll interval, export, snapshot and hashing.
    /// </summary>
    public static async Task<(double P95, IReadOnlyList<double> Samples)> ClipReadyAfterPostRollAsync(int clips = 5)
    {
        await using var camera = await RtspTestCamera.StartAsync();
        using var folder = new TempDirectory("mailroom-bench-video");
        var sink = new RecordingEventSink();
        var pre = TimeSpan.FromSeconds(2);
        var post = TimeSpan.FromSeconds(2);
        var settings = new CameraSettings("bench", camera.Url, [], pre, post, ["bench.trigger"]);
        await using var video = new VideoRecorder(Settings(folder.Path), [settings], sink, TimeProvider.System, NullLoggerFactory.Instance);
        video.Start();
        await sink.WaitForAsync<CameraUpEvent>(TimeSpan.FromSeconds(60));
        await RingWaiter.WaitForVideoAsync(video.Recorder("bench"), pre + TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

        var samples = new List<double>();
        for (var i = 0; i < clips; i++)
        {
            var at = DateTimeOffset.UtcNow;
            var trigger = await sink.AppendAsync(new TestTriggerEvent(at, "bench.trigger"));
            video.OnEvent(new AppendedEvent(trigger, new TestTriggerEvent(at, "bench.trigger")));
            var ready = await sink.WaitForAsync<ClipReadyEvent>(TimeSpan.FromSeconds(60), c => c.TriggerEventIds.Contains(trigger.Id));
            samples.Add((ready.Timestamp - (at + post)).TotalSeconds);
        }
        var sorted = samples.Order().ToList();
        var p95 = sorted[(int)Math.Ceiling(0.95 * sorted.Count) - 1];
        return (p95, samples);
    }

    /// <summary>
    /// <c>video.recorder_cpu_percent</c>: CPU time (utime + stime from /proc/PID/stat) of the recorder's ffmpeg over
    /// <paramref name="interval"/> of wall time, as a percentage of one core, while it stream-copies a 1280x720 stream.
    /// With <paramref name="audio"/> (<c>video.recorder_cpu_percent_audio</c>), the camera also sends that audio track and
    /// is configured with <c>Audio</c>, so ffmpeg also decodes it and encodes it to AAC.
    /// </summary>
    public static async Task<double> RecorderCpuPercentAsync(TimeSpan interval, TestCameraAudio audio = TestCameraAudio.None)
    {
        await using var camera = await RtspTestCamera.StartAsync(1280, 720, audio);
        using var folder = new TempDirectory("mailroom-bench-video");
        var sink = new RecordingEventSink();
        var settings = new CameraSettings("bench", camera.Url, [], TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), [], Audio: audio != TestCameraAudio.None);
        await using var video = new VideoRecorder(Settings(folder.Path), [settings], sink, TimeProvider.System, NullLoggerFactory.Instance);
        video.Start();
        await sink.WaitForAsync<CameraUpEvent>(TimeSpan.FromSeconds(60));
        var pid = video.Recorder("bench").ProcessId ?? throw new InvalidOperationException("no ffmpeg running");
        var before = CpuTicks(pid);
        var started = DateTimeOffset.UtcNow;
        await Task.Delay(interval);
        var ticks = CpuTicks(pid) - before;
        var wall = DateTimeOffset.UtcNow - started;
        // USER_HZ is 100 on every Linux the agent runs on (x86-64, arm64).
        return ticks / 100.0 / wall.TotalSeconds * 100.0;
    }

    private static long CpuTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name (which is in parentheses and may contain spaces): state is field 3, utime 14, stime 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    /// <summary>Settings for tests: short timeouts and fast restarts so outages resolve in seconds.</summary>
    public static VideoSettings Settings(string root) => new()
    {
        RingDirectory = Path.Combine(root, "ring"),
        ClipDirectory = Path.Combine(root, "clips"),
        RtspTimeout = TimeSpan.FromSeconds(3),
        StallTimeout = TimeSpan.FromSeconds(8),
        RestartDelayMin = TimeSpan.FromMilliseconds(200),
        RestartDelayMax = TimeSpan.FromSeconds(1),
        RingMargin = TimeSpan.FromSeconds(5),
        PollInterval = TimeSpan.FromMilliseconds(100),
    };
}
