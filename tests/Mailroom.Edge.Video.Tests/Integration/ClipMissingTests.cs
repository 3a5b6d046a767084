using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Testing;
using Mailroom.Edge.Testing.Logging;
using Mailroom.Edge.Video.Clips;
using Xunit;

namespace Mailroom.Edge.Video.Tests.Integration;

/// <summary>
/// A camera that never comes up (nothing listens at its URL): a trigger's window, and a clip asked for by command,
/// end in <c>clip.missing</c> naming the camera, door, triggers, window and reason, instead of only a log line.
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
        var camera = new CameraSettings("gate", $"rtsp://viewer:s3cret@127.0.0.1:{FreeTcpPort.Next()}/cam", ["front"],
            TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), ["access.denied"]);
        // Short supervision timings: a window is given up (cut with what exists) StallTimeout + RestartDelayMax after its end.
        var settings = VideoBenchmarks.Settings(_folder.Path) with { StallTimeout = TimeSpan.FromSeconds(2), RestartDelayMax = TimeSpan.FromMilliseconds(500) };
        await using var video = new VideoRecorder(settings, [camera], sink, TimeProvider.System, _errors);
        video.Start();

        var denied = new AccessDecision(false, DenialReason.UnknownCredential, new CardCredential("H10301", 1, 2), null, []);
        var at = DateTimeOffset.UtcNow;
        var access = new AccessEvent(at, new DoorId("front"), new ReaderId("front-in"), denied);
        var envelope = await sink.AppendAsync(access);
        video.OnEvent(new AppendedEvent(envelope, access));
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

    public void Dispose()
    {
        _folder.Dispose();
        _errors.ThrowIfUnexpected();
    }
}
