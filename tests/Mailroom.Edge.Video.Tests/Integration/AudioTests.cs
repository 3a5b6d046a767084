using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Testing;
using Mailroom.Edge.Testing.Logging;
using Xunit;

namespace Mailroom.Edge.Video.Tests.Integration;

/// <summary>
/// A real RTSP camera with an audio track: a camera configured with <c>Audio</c> keeps the video by stream copy and the
/// sound encoded to AAC — including G.711 µ-law, which MPEG-TS cannot carry by copy (before, ffmpeg failed and the
/// camera's video was lost too); the same stream recorded without it (the default) yields video-only clips.
/// </summary>
[Collection("real video")]
public sealed class AudioTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Roll = TimeSpan.FromSeconds(1);
    private readonly TempDirectory _folder = new("mailroom-video-audio");
    private readonly LoggedErrors _errors = new();

    [Theory]
    [InlineData(TestCameraAudio.Pcmu)]
    [InlineData(TestCameraAudio.Mp3)]
    public async Task Audio_is_recorded_as_aac_into_clips_only_for_a_camera_configured_with_it(TestCameraAudio codec)
    {
        await using var camera = await RtspTestCamera.StartAsync(audio: codec);
        var sink = new RecordingEventSink();
        CameraSettings[] cameras =
        [
            new("with-audio", camera.Url, [], Roll, Roll, ["test.trigger"], Audio: true),
            new("video-only", camera.Url, [], Roll, Roll, ["test.trigger"]),
        ];
        await using var video = new VideoRecorder(VideoBenchmarks.Settings(_folder.Path), cameras, sink, TimeProvider.System, _errors);
        video.Start();
        foreach (var name in new[] { "with-audio", "video-only" })
            await RingWaiter.WaitForVideoAsync(video.Recorder(name), Roll + TimeSpan.FromSeconds(1), Timeout);

        var trigger = new TestTriggerEvent(DateTimeOffset.UtcNow, "test.trigger");
        video.OnEvent(new AppendedEvent(await sink.AppendAsync(trigger), trigger));

        var withAudio = await sink.WaitForAsync<ClipReadyEvent>(Timeout, c => c.Camera == "with-audio");
        var videoOnly = await sink.WaitForAsync<ClipReadyEvent>(Timeout, c => c.Camera == "video-only");
        var clip = video.Store.VideoPath(withAudio.ClipId);
        Assert.Equal(["h264", "aac"], await Ffprobe.StreamCodecsAsync(clip));
        Assert.Equal(["h264"], await Ffprobe.StreamCodecsAsync(video.Store.VideoPath(videoOnly.ClipId)));
        Assert.True((await Ffprobe.ProbeAsync(clip)).Frames > 0);
        Assert.True(await Ffprobe.AudioFramesAsync(clip) > 0);
        Assert.DoesNotContain(sink.OfType<CameraDownEvent>(), d => d.Camera == "with-audio");
    }

    public void Dispose()
    {
        _folder.Dispose();
        _errors.ThrowIfUnexpected();
    }
}
