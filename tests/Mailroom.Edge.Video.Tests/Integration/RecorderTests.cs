using System.Security.Cryptography;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Testing;
using Mailroom.Edge.Testing.Logging;
using Mailroom.Edge.Video.Recording;
using Xunit;

namespace Mailroom.Edge.Video.Tests.Integration;

/// <summary>
/// Real ffmpeg against a real RTSP camera on loopback (GStreamer), in temp folders. Every wait is on a signal — an
/// event from the recorder or a completed segment — with a generous timeout, never on a fixed sleep.
/// One collection: on two cores, parallel H.264 encoders would starve each other.
/// </summary>
[Collection("real video")]
#pragma warning disable CA1001 // xunit disposes it through IAsyncLifetime.DisposeAsync.
public sealed class RecorderTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Pre = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Post = TimeSpan.FromSeconds(2);

    /// <summary>Segments are one GOP (1 s) long; durations and starts may be off by one of them.</summary>
    private static readonly TimeSpan SegmentTolerance = TimeSpan.FromSeconds(1.1);

    private readonly TempDirectory _folder = new("mailroom-video-test");
    private readonly RecordingEventSink _sink = new();
    private readonly LoggedErrors _errors = new();
    private RtspTestCamera _camera = null!;
    private VideoRecorder _video = null!;

    public async Task InitializeAsync()
    {
        _camera = await RtspTestCamera.StartAsync();
        var camera = new CameraSettings("lobby", _camera.Url, ["front"], Pre, Post, ["test.trigger"]);
        _video = new VideoRecorder(VideoBenchmarks.Settings(_folder.Path), [camera], _sink, TimeProvider.System, _errors);
        _video.Start();
        await _sink.WaitForAsync<CameraUpEvent>(Timeout);
    }

    public async Task DisposeAsync()
    {
        await _video.DisposeAsync();
        await _camera.DisposeAsync();
        _folder.Dispose();
        _errors.ThrowIfUnexpected();
    }

    [Fact]
    public async Task A_trigger_makes_a_playable_clip_covering_pre_and_post_roll()
    {
        await RingWaiter.WaitForVideoAsync(_video.Recorder("lobby"), Pre + TimeSpan.FromSeconds(1), Timeout);
        var at = DateTimeOffset.UtcNow;
        var trigger = await TriggerAsync(at);

        var ready = await _sink.WaitForAsync<ClipReadyEvent>(Timeout);

        Assert.Equal([trigger], ready.TriggerEventIds);
        Assert.True(ready.ActualStart <= at - Pre, $"clip starts at {ready.ActualStart:O}, after t - pre = {at - Pre:O}");
        Assert.True(ready.ActualEnd >= at + Post, $"clip ends at {ready.ActualEnd:O}, before t + post = {at + Post:O}");
        var path = _video.Store.VideoPath(ready.ClipId);
        var probe = await Ffprobe.ProbeAsync(path);
        Assert.Equal(("h264", 320, 240), (probe.Codec, probe.Width, probe.Height));
        Assert.True(probe.DurationSeconds >= (Pre + Post - SegmentTolerance).TotalSeconds, $"clip lasts {probe.DurationSeconds} s");
        Assert.InRange(probe.DurationSeconds, ready.Duration.TotalSeconds - 0.5, ready.Duration.TotalSeconds + 0.5);
        Assert.True(probe.Frames >= 25 * 3, $"{probe.Frames} frames decoded");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), ready.Sha256);
        Assert.Equal(new FileInfo(path).Length, ready.SizeBytes);
        Assert.True(ready.HasSnapshot);
        Assert.True(new FileInfo(_video.Store.SnapshotPath(ready.ClipId)).Length > 0);
        Assert.Contains(_video.Store.List(), c => c.Id == ready.ClipId);
    }

    [Fact]
    public async Task Overlapping_triggers_make_one_clip_with_both_ids()
    {
        await RingWaiter.WaitForVideoAsync(_video.Recorder("lobby"), Pre + TimeSpan.FromSeconds(1), Timeout);
        var at = DateTimeOffset.UtcNow;
        var first = await TriggerAsync(at);
        var second = await TriggerAsync(at + TimeSpan.FromSeconds(1.5));

        var ready = await _sink.WaitForAsync<ClipReadyEvent>(Timeout);

        Assert.Equal([first, second], ready.TriggerEventIds);
        Assert.True(ready.ActualStart <= at - Pre);
        Assert.True(ready.ActualEnd >= at + TimeSpan.FromSeconds(1.5) + Post);
        var probe = await Ffprobe.ProbeAsync(_video.Store.VideoPath(ready.ClipId));
        Assert.True(probe.DurationSeconds >= (Pre + TimeSpan.FromSeconds(1.5) + Post - SegmentTolerance).TotalSeconds);
        Assert.Single(_video.Store.List());
    }

    [Fact]
    public async Task The_recorder_survives_the_camera_going_away_and_coming_back()
    {
        var recorder = _video.Recorder("lobby");
        await RingWaiter.WaitForVideoAsync(recorder, TimeSpan.FromSeconds(1), Timeout);

        await _camera.StopAsync();
        var down = await _sink.WaitForAsync<CameraDownEvent>(Timeout);
        Assert.Equal(CameraState.Down, recorder.Health.State);
        Assert.DoesNotContain("s3cret", down.Problem, StringComparison.Ordinal);

        var restarted = DateTimeOffset.UtcNow;
        await _camera.StartAsync();
        await _sink.WaitForAsync<CameraUpEvent>(Timeout, nth: 2);
        Assert.Equal(CameraState.Up, recorder.Health.State);
        Assert.True(recorder.Health.Restarts >= 1);

        await RingWaiter.WaitForVideoAsync(recorder, Pre + TimeSpan.FromSeconds(1), Timeout, since: restarted);
        var at = DateTimeOffset.UtcNow;
        await TriggerAsync(at);
        var ready = await _sink.WaitForAsync<ClipReadyEvent>(Timeout);
        Assert.True(ready.ActualStart <= at - Pre);
        var probe = await Ffprobe.ProbeAsync(_video.Store.VideoPath(ready.ClipId));
        Assert.True(probe.DurationSeconds >= (Pre + Post - SegmentTolerance).TotalSeconds);

        var types = _sink.Events.Snapshot().Select(e => e.Event.Type).Where(t => t.StartsWith("system.camera", StringComparison.Ordinal)).ToList();
        Assert.Equal(["system.camera_up", "system.camera_down", "system.camera_up"], types);
    }

    [Fact]
    public async Task A_hung_camera_is_reported_down_and_recovers_when_it_answers_again()
    {
        var recorder = _video.Recorder("lobby");
        await RingWaiter.WaitForVideoAsync(recorder, TimeSpan.FromSeconds(1), Timeout);

        _camera.Freeze();
        var down = await _sink.WaitForAsync<CameraDownEvent>(Timeout);
        _camera.Thaw();
        await _sink.WaitForAsync<CameraUpEvent>(Timeout, nth: 2);

        Assert.NotEmpty(down.Problem);
        Assert.Equal(CameraState.Up, recorder.Health.State);
    }

    [Fact]
    public async Task Ffmpeg_runs_as_its_own_process_group_leader_and_stops_on_terminate()
    {
        var recorder = _video.Recorder("lobby");
        var pid = recorder.ProcessId ?? throw new InvalidOperationException("ffmpeg is not running");

        Assert.Equal("ffmpeg", File.ReadAllText($"/proc/{pid}/comm").Trim());
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        Assert.Equal(pid.ToString(System.Globalization.CultureInfo.InvariantCulture), fields[2]);

        await _video.StopAsync();
        Assert.False(Directory.Exists($"/proc/{pid}"), "ffmpeg is still running after stop");
    }

    private async Task<Guid> TriggerAsync(DateTimeOffset at)
    {
        var domainEvent = new TestTriggerEvent(at, "test.trigger");
        var envelope = await _sink.AppendAsync(domainEvent);
        _video.OnEvent(new AppendedEvent(envelope, domainEvent));
        return envelope.Id;
    }
}
