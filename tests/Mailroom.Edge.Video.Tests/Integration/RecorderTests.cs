using System.Security.Cryptography;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Testing;
using Mailroom.Edge.Testing.Logging;
using Mailroom.Edge.Video.Evidence;
using Mailroom.Edge.Video.Recording;
using Xunit;

namespace Mailroom.Edge.Video.Tests.Integration;

/// <summary>
/// Real ffmpeg against a real RTSP camera on loopback (GStreamer), in temp folders. Every wait is on a signal — an
/// event from the recorder or a completed segment — with a generous timeout, never on a fixed sleep.
/// One collection: on two cores, parallel H.264 encoders would starve each other. The camera also has an evidence rule
/// (snapshots of decisions on <c>delivery</c> credentials, with a clip): a courier's decision becomes a JPEG of the frame
/// at that time, linked to the decision's event id, stored and announced before its clip; a staff decision does not.
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
        // Triggers do not list access.*: the clip of a courier's grant comes from the evidence rule's Clip alone.
        var camera = new CameraSettings("lobby", _camera.Url, ["front"], Pre, Post, ["test.trigger"], Evidence: new EvidenceRule(["delivery"], Clip: true));
        _video = new VideoRecorder(VideoBenchmarks.Settings(_folder.Path), [camera], _sink, TimeProvider.System, _errors);
        // Every appended event reaches the recorder, its own included, as the agent's dispatcher hands them over.
        _sink.Subscriber = _video.OnEvent;
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

    [Fact]
    public async Task A_delivery_grant_gets_a_snapshot_of_its_moment_before_its_clip_linked_to_its_event()
    {
        await RingWaiter.WaitForVideoAsync(_video.Recorder("lobby"), Pre + TimeSpan.FromSeconds(1), Timeout);
        var at = DateTimeOffset.UtcNow;
        var granted = await DecideAsync(at, "delivery", granted: true);

        var ready = await SnapshotOfAsync(granted);
        Assert.Equal(("lobby", "front"), (ready.Camera, ready.Door));
        Assert.Equal([granted], ready.EventIds);
        // The frame is the one at the decision: the covering segment's start plus the offset, to within a frame.
        Assert.InRange(ready.FrameAt, at - TimeSpan.FromMilliseconds(100), at + TimeSpan.FromMilliseconds(100));

        var path = _video.Store.SnapshotPath(ready.SnapshotId);
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal([0xFF, 0xD8], bytes[..2]);
        Assert.Equal([0xFF, 0xD9], bytes[^2..]);
        Assert.Equal(bytes.LongLength, ready.SizeBytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), ready.Sha256);
        Assert.Equal(("mjpeg", 320, 240, 1), await Ffprobe.StillAsync(path));

        var record = Assert.Single(_video.Store.List(), r => r.Id == ready.SnapshotId);
        Assert.True(record.IsSnapshot);
        Assert.Equal([granted], record.Triggers);
        Assert.Equal(("front", bytes.LongLength, ready.Sha256), (record.Door, record.SizeBytes, record.Sha256));
        Assert.False(File.Exists(_video.Store.VideoPath(ready.SnapshotId)));
        Assert.Equal(path, _video.Store.MediaPath(record));

        // Evidence:Clip asks for the usual clip too, and the snapshot did not wait for its post-roll.
        var clip = await _sink.WaitForAsync<ClipReadyEvent>(Timeout, c => c.TriggerEventIds.Contains(granted));
        Assert.Equal([granted], clip.TriggerEventIds);
        var order = _sink.Events.Snapshot().Select(e => e.Event).ToList();
        Assert.True(order.IndexOf(ready) < order.IndexOf(clip), "snapshot.ready came after clip.ready: it waited for the post-roll");
        Assert.True(clip.ActualEnd >= at + Post);
    }

    [Fact]
    public async Task A_staff_grant_gets_no_snapshot_and_a_denied_delivery_gets_one()
    {
        await RingWaiter.WaitForVideoAsync(_video.Recorder("lobby"), TimeSpan.FromSeconds(1), Timeout);
        var staff = await DecideAsync(DateTimeOffset.UtcNow, "staff", granted: true);
        var denied = await DecideAsync(DateTimeOffset.UtcNow, "delivery", granted: false);

        // Snapshots are taken in the order of their decisions: once the later one is ready, the staff one would have been too.
        var ready = await SnapshotOfAsync(denied);
        Assert.True(File.Exists(_video.Store.SnapshotPath(ready.SnapshotId)));
        Assert.DoesNotContain(_sink.OfType<SnapshotReadyEvent>(), s => s.EventIds.Contains(staff));
        Assert.DoesNotContain(_sink.OfType<SnapshotMissingEvent>(), s => s.EventIds.Contains(staff));
        Assert.DoesNotContain(_video.Store.List(), r => r.Triggers.Contains(staff));
    }

    /// <summary>The event's <c>snapshot.ready</c>; a <c>snapshot.missing</c> instead fails at once, saying why.</summary>
    private async Task<SnapshotReadyEvent> SnapshotOfAsync(Guid eventId)
    {
        var outcome = await _sink.WaitForAsync<DomainEvent>(Timeout, e =>
            e is SnapshotReadyEvent r && r.EventIds.Contains(eventId) || e is SnapshotMissingEvent m && m.EventIds.Contains(eventId));
        return outcome as SnapshotReadyEvent ?? throw new Xunit.Sdk.XunitException($"no snapshot: {outcome}");
    }

    private async Task<Guid> DecideAsync(DateTimeOffset at, string category, bool granted)
    {
        var decision = new AccessDecision(granted, granted ? null : DenialReason.OutsideSchedule, new CardCredential("H10301", 7, 4242), "courier", [])
        {
            Category = category,
        };
        return (await _sink.AppendAsync(new AccessEvent(at, new DoorId("front"), new ReaderId("front-in"), decision))).Id;
    }

    private async Task<Guid> TriggerAsync(DateTimeOffset at) => (await _sink.AppendAsync(new TestTriggerEvent(at, "test.trigger"))).Id;
}
