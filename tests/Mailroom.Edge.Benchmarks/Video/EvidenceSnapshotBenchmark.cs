using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Testing;
using Mailroom.Edge.Video;
using Mailroom.Edge.Video.Evidence;
using Mailroom.Edge.Video.Ring;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mailroom.Edge.Benchmarks.Video;

/// <summary>
/// <c>video.snapshot_ready_*</c>: for a courier's access decision at a camera with an evidence rule (docs/video.md,
/// "Evidence rule"), milliseconds from the decision's timestamp to <c>snapshot.ready</c>, with real ffmpeg against the
/// loopback GStreamer camera (320x240 25 fps H.264, 1 s GOP, 1 s segments). Most of it is waiting for the segment that
/// covers the decision to close (up to one segment); <c>video.snapshot_cut_p50_ms</c> is the rest: from that segment
/// being listed by ffmpeg to <c>snapshot.ready</c> (poll interval, one ffmpeg run decoding part of a segment, JPEG
/// check, hash, metadata, the event). Decisions come one after another, each after a pseudo-random pause of 0–1 s
/// (fixed seed): a decision made just after the previous <c>snapshot.ready</c> would always fall at the same point of a
/// segment and measure one phase of the wait, not its spread. The pause shapes the load; nothing waits on it.
/// </summary>
public sealed class EvidenceSnapshotBenchmark : IBenchmark
{
    private const int Decisions = 36;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public IReadOnlyList<string> Names => ["video.snapshot_ready_p50_ms", "video.snapshot_ready_p99_ms", "video.snapshot_cut_p50_ms"];

    public async Task<IReadOnlyList<BenchmarkFigure>> RunAsync()
    {
        await using var camera = await RtspTestCamera.StartAsync();
        using var folder = new TempDirectory("mailroom-bench-snapshot");
        var sink = new RecordingEventSink();
        var settings = new CameraSettings("bench", camera.Url, ["front"], TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), [], Evidence: new EvidenceRule(["delivery"]));
        await using var video = new VideoRecorder(VideoBenchmarks.Settings(folder.Path), [settings], sink, TimeProvider.System, NullLoggerFactory.Instance);
        sink.Subscriber = video.OnEvent;
        var listed = new List<(RingSegment Segment, DateTimeOffset At)>();
        video.Recorder("bench").SegmentCompleted += s =>
        {
            lock (listed)
                listed.Add((s, DateTimeOffset.UtcNow));
        };
        video.Start();
        await sink.WaitForAsync<CameraUpEvent>(Timeout);
        await RingWaiter.WaitForVideoAsync(video.Recorder("bench"), TimeSpan.FromSeconds(2), Timeout);

        var total = new List<double>(Decisions);
        var cut = new List<double>(Decisions);
        var phase = new Random(20261206);
        var decision = new AccessDecision(true, null, new CardCredential("H10301", 7, 4242), "courier", []) { Category = "delivery" };
        for (var i = 0; i < Decisions; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(phase.Next(0, 1000)));
            var access = new AccessEvent(DateTimeOffset.UtcNow, new DoorId("front"), new ReaderId("front-in"), decision);
            var envelope = await sink.AppendAsync(access);
            var ready = await sink.WaitForAsync<SnapshotReadyEvent>(Timeout, s => s.EventIds.Contains(envelope.Id));
            total.Add((ready.Timestamp - access.Timestamp).TotalMilliseconds);
            lock (listed)
                cut.Add((ready.Timestamp - listed.First(l => l.Segment.End >= access.Timestamp).At).TotalMilliseconds);
        }
        if (sink.OfType<SnapshotMissingEvent>() is [var missing, ..])
            throw new InvalidOperationException($"a snapshot was missing ({missing.Reason}: {missing.Detail}): the figures would measure something else");

        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var context = new Dictionary<string, object>
        {
            ["decisions"] = Decisions, ["stream"] = "320x240 25 fps H.264 GOP 1 s, 1 s segments", ["poll_ms"] = 100, ["pause_before_each_ms"] = "0-1000 pseudo-random",
            ["max_ms"] = Math.Round(total.Max(), 1), ["loadavg_1m_after"] = load,
        };
        return
        [
            new BenchmarkFigure("video.snapshot_ready_p50_ms", Percentiles.Of(total, 50), "ms", context),
            new BenchmarkFigure("video.snapshot_ready_p99_ms", Percentiles.Of(total, 99), "ms", context),
            new BenchmarkFigure("video.snapshot_cut_p50_ms", Percentiles.Of(cut, 50), "ms",
                new Dictionary<string, object>(context) { ["p99_ms"] = Math.Round(Percentiles.Of(cut, 99), 1) }),
        ];
    }
}
