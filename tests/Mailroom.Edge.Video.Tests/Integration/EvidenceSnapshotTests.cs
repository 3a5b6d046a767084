using System.Security.Cryptography;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Testing;
using Mailroom.Edge.Testing.Logging;
using Mailroom.Edge.Video.Evidence;
using Xunit;

namespace Mailroom.Edge.Video.Tests.Integration;

/// <summary>
/// The evidence rule with real ffmpeg against the loopback GStreamer RTSP camera (320x240, 1 s GOP): a decision on a
/// delivery credential at the covered door becomes a JPEG of the frame at that time, linked to the decision's event id,
/// stored and announced; a staff decision does not. Every wait is on an event, never a sleep.
/// </summary>
[Collection("real video")]
#pragma warning disable CA1001 // xunit disposes it through IAsyncLifetime.DisposeAsync.
public sealed class EvidenceSnapshotTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Pre = TimeSpan.FromSeconds(1);

    /// <summary>Long, so a snapshot that waited for the post-roll would come after the clip, not before it.</summary>
    private static readonly TimeSpan Post = TimeSpan.FromSeconds(6);

    private readonly TempDirectory _folder = new("mailroom-evidence-test");
    private readonly RecordingEventSink _sink = new();
    private readonly LoggedErrors _errors = new();
    private RtspTestCamera _camera = null!;
    private VideoRecorder _video = null!;

    public async Task InitializeAsync()
    {
        _camera = await RtspTestCamera.StartAsync();
        // Triggers do not list access.granted: the clip of a delivery grant comes from the evidence rule's Clip alone.
        var camera = new CameraSettings("dock", _camera.Url, ["front"], Pre, Post, ["access.denied"], Evidence: new EvidenceRule(["delivery"], Clip: true));
        _video = new VideoRecorder(VideoBenchmarks.Settings(_folder.Path), [camera], _sink, TimeProvider.System, _errors);
        _video.Start();
        await _sink.WaitForAsync<CameraUpEvent>(Timeout);
        await RingWaiter.WaitForVideoAsync(_video.Recorder("dock"), Pre + TimeSpan.FromSeconds(1), Timeout);
    }

    public async Task DisposeAsync()
    {
        await _video.DisposeAsync();
        await _camera.DisposeAsync();
        _folder.Dispose();
        _errors.ThrowIfUnexpected();
    }

    [Fact]
    public async Task A_delivery_grant_gets_a_snapshot_of_its_moment_before_its_clip_linked_to_its_event()
    {
        var at = DateTimeOffset.UtcNow;
        var granted = await DecideAsync(at, "delivery", granted: true);

        var ready = await SnapshotOfAsync(granted);
        Assert.Equal(("dock", "front"), (ready.Camera, ready.Door));
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
        var access = new AccessEvent(at, new DoorId("front"), new ReaderId("front-in"), decision);
        var envelope = await _sink.AppendAsync(access);
        _video.OnEvent(new AppendedEvent(envelope, access));
        return envelope.Id;
    }
}
