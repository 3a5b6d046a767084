using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Testing;
using Mailroom.Edge.Testing.Logging;
using Mailroom.Edge.Video.Tests.Fakes;
using Xunit;

namespace Mailroom.Edge.Video.Tests.Integration;

/// <summary>
/// <c>clip.ready</c> only after the clip file is checked, end to end with the real RTSP test camera and real ffmpeg:
/// a clip whose file came out broken is not announced as ready.
/// </summary>
[Collection("real video")]
public sealed class ClipCheckTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Roll = TimeSpan.FromSeconds(1);
    private readonly TempDirectory _folder = new("mailroom-clip-check");
    private readonly LoggedErrors _errors = new();

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task A_clip_cut_into_an_unreadable_file_is_not_announced_as_ready()
    {
        await using var camera = await RtspTestCamera.StartAsync();
        var sink = new RecordingEventSink();
        var settings = VideoBenchmarks.Settings(_folder.Path) with { FfmpegPath = CorruptingFfmpeg.Write(_folder.File("bin")) };
        await using var video = new VideoRecorder(settings, [new CameraSettings("lobby", camera.Url, [], Roll, Roll, ["test.trigger"])],
            sink, TimeProvider.System, _errors);
        video.Start();
        await RingWaiter.WaitForVideoAsync(video.Recorder("lobby"), Roll + TimeSpan.FromSeconds(1), Timeout);

        var trigger = new TestTriggerEvent(DateTimeOffset.UtcNow, "test.trigger");
        var envelope = await sink.AppendAsync(trigger);
        video.OnEvent(new AppendedEvent(envelope, trigger));

        var outcome = await sink.WaitForAsync<DomainEvent>(Timeout, e =>
            (e is ClipReadyEvent ready && ready.TriggerEventIds.Contains(envelope.Id)) ||
            (e is ClipMissingEvent missing && missing.TriggerEventIds.Contains(envelope.Id)));
        var missing = Assert.IsType<ClipMissingEvent>(outcome);
        Assert.Equal("unreadable_clip", missing.Reason);
        Assert.DoesNotContain(sink.Events.Snapshot(), e => e.Event is ClipReadyEvent);
        Assert.Empty(video.Store.List());
    }

    public void Dispose()
    {
        _folder.Dispose();
        _errors.ThrowIfUnexpected();
    }
}
