using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Testing;
using Mailroom.Edge.Testing.Logging;
using Mailroom.Edge.Video.Clips;
using Mailroom.Edge.Video.Evidence;
using Xunit;

namespace Mailroom.Edge.Video.Tests.Integration;

/// <summary>
/// A camera that never comes up (nothing listens at its URL): a trigger's window, and a clip asked for by command,
/// end in <c>clip.missing</c> naming the camera, door, triggers, window and reason, instead of only a log line; an
/// evidence rule's snapshot ends in <c>snapshot.missing</c>, and a decision asked for by both the camera's triggers and
/// the rule's <c>Clip</c> is one trigger of one clip, not two.
/// </summary>
public sealed class ClipMissingTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _folder = new("mailroom-clip-missing");
    private readonly LoggedErrors _errors = new();

    [Fact]
    public async Task A_trigger_and_a_request_with_the_camera_down_report_clip_missing()
    {
        var sink = new RecordingEventSink();
        await using var video = StartDown(DownCamera("gate", ["access.denied"]), sink);

        var at = DateTimeOffset.UtcNow;
        var envelope = await DecideAsync(sink, at, new AccessDecision(false, DenialReason.UnknownCredential, new CardCredential("H10301", 1, 2), null, []));
        var requested = Assert.Single(video.Request("front", TimeSpan.FromSeconds(3)));

        var missing = await sink.WaitForAsync<ClipMissingEvent>(Timeout, m => m.TriggerEventIds.Contains(envelope.Id));
        Assert.Equal(("gate", ClipCoverage.NoVideo), (missing.Camera, missing.Reason));
        Assert.Equal(["front"], missing.Doors);
        Assert.Equal((at - TimeSpan.FromSeconds(1), at + TimeSpan.FromSeconds(1)), (missing.RequestedStart, missing.RequestedEnd));
        Assert.Null(missing.AvailableStart);
        Assert.Null(missing.ClipId);
        Assert.NotEqual("up", missing.CameraState);
        Assert.DoesNotContain("s3cret", missing.Problem ?? "", StringComparison.Ordinal);

        var forRequest = await sink.WaitForAsync<ClipMissingEvent>(Timeout, m => m.ClipId == requested);
        Assert.Equal(ClipCoverage.NoVideo, forRequest.Reason);
        Assert.Equal(TimeSpan.FromSeconds(3), forRequest.RequestedEnd - forRequest.RequestedStart);
        Assert.Empty(video.Store.List());
        Assert.DoesNotContain(sink.Events.Snapshot(), e => e.Event is ClipReadyEvent);
    }

    [Fact]
    public async Task A_delivery_decision_with_the_camera_down_reports_snapshot_missing_and_one_clip_request()
    {
        var sink = new RecordingEventSink();
        // The camera's triggers and its evidence rule both ask for a clip of a courier's grant.
        await using var video = StartDown(DownCamera("dock", ["access.granted"]) with { Evidence = new EvidenceRule(["delivery"], Clip: true) }, sink);

        var at = DateTimeOffset.UtcNow;
        var envelope = await DecideAsync(sink, at,
            new AccessDecision(true, null, new CardCredential("H10301", 7, 4242), "courier", []) { Category = "delivery" });

        var missing = await sink.WaitForAsync<SnapshotMissingEvent>(Timeout, m => m.EventIds.Contains(envelope.Id));
        Assert.Equal(("dock", "front", SnapshotReasons.NoVideo, at), (missing.Camera, missing.Door, missing.Reason, missing.At));
        Assert.NotEqual("up", missing.CameraState);
        Assert.DoesNotContain("s3cret", missing.Problem ?? "", StringComparison.Ordinal);

        var clipMissing = await sink.WaitForAsync<ClipMissingEvent>(Timeout, m => m.TriggerEventIds.Contains(envelope.Id));
        Assert.Equal([envelope.Id], clipMissing.TriggerEventIds);
        Assert.Empty(video.Store.List());
        Assert.Single(sink.OfType<SnapshotMissingEvent>());
    }

    private static CameraSettings DownCamera(string name, IReadOnlyList<string> triggers) =>
        new(name, $"rtsp://viewer:s3cret@127.0.0.1:{FreeTcpPort.Next()}/cam", ["front"], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), triggers);

    /// <summary>A started recorder fed every appended event, with short supervision timings: a window is given up (cut with what exists) StallTimeout + RestartDelayMax after its end.</summary>
    private VideoRecorder StartDown(CameraSettings camera, RecordingEventSink sink)
    {
        var settings = VideoBenchmarks.Settings(_folder.Path) with { StallTimeout = TimeSpan.FromSeconds(2), RestartDelayMax = TimeSpan.FromMilliseconds(500) };
        var video = new VideoRecorder(settings, [camera], sink, TimeProvider.System, _errors);
        sink.Subscriber = video.OnEvent;
        video.Start();
        return video;
    }

    private static ValueTask<EventEnvelope> DecideAsync(RecordingEventSink sink, DateTimeOffset at, AccessDecision decision) =>
        sink.AppendAsync(new AccessEvent(at, new DoorId("front"), new ReaderId("front-in"), decision));

    public void Dispose()
    {
        _folder.Dispose();
        _errors.ThrowIfUnexpected();
    }
}
