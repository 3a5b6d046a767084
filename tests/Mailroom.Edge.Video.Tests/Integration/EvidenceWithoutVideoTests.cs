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
/// A camera with an evidence rule that never comes up (nothing listens at its URL): a delivery decision gets
/// <c>snapshot.missing</c> (<c>no_video</c>) naming its event, never silence; and a decision asked for by both the
/// camera's triggers and the rule's <c>Clip</c> is one trigger of one clip, not two.
/// </summary>
public sealed class EvidenceWithoutVideoTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _folder = new("mailroom-evidence-missing");
    private readonly LoggedErrors _errors = new();

    [Fact]
    public async Task A_delivery_decision_with_the_camera_down_reports_snapshot_missing_and_one_clip_request()
    {
        var sink = new RecordingEventSink();
        var camera = new CameraSettings("dock", $"rtsp://viewer:s3cret@127.0.0.1:{FreeTcpPort.Next()}/cam", ["front"],
            TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), ["access.granted"], Evidence: new EvidenceRule(["delivery"], Clip: true));
        var settings = VideoBenchmarks.Settings(_folder.Path) with { StallTimeout = TimeSpan.FromSeconds(2), RestartDelayMax = TimeSpan.FromMilliseconds(500) };
        await using var video = new VideoRecorder(settings, [camera], sink, TimeProvider.System, _errors);
        video.Start();

        var granted = new AccessDecision(true, null, new CardCredential("H10301", 7, 4242), "courier", []) { Category = "delivery" };
        var at = DateTimeOffset.UtcNow;
        var access = new AccessEvent(at, new DoorId("front"), new ReaderId("front-in"), granted);
        var envelope = await sink.AppendAsync(access);
        video.OnEvent(new AppendedEvent(envelope, access));

        var missing = await sink.WaitForAsync<SnapshotMissingEvent>(Timeout, m => m.EventIds.Contains(envelope.Id));
        Assert.Equal(("dock", "front", SnapshotReasons.NoVideo, at), (missing.Camera, missing.Door, missing.Reason, missing.At));
        Assert.NotEqual("up", missing.CameraState);
        Assert.DoesNotContain("s3cret", missing.Problem ?? "", StringComparison.Ordinal);

        var clipMissing = await sink.WaitForAsync<ClipMissingEvent>(Timeout, m => m.TriggerEventIds.Contains(envelope.Id));
        Assert.Equal([envelope.Id], clipMissing.TriggerEventIds);
        Assert.Empty(video.Store.List());
        Assert.Single(sink.OfType<SnapshotMissingEvent>());
    }

    public void Dispose()
    {
        _folder.Dispose();
        _errors.ThrowIfUnexpected();
    }
}
