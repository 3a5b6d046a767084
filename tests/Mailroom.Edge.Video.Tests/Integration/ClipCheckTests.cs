using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Testing;
using Mailroom.Edge.Testing.Logging;
using Mailroom.Edge.Video.Clips;
using Mailroom.Edge.Video.Probing;
using Mailroom.Edge.Video.Tests.Fakes;
using Xunit;

namespace Mailroom.Edge.Video.Tests.Integration;

/// <summary>
/// <c>clip.ready</c> only after the clip file is checked, end to end with the real RTSP test camera and real ffmpeg:
/// a healthy clip is announced with what its file really holds; a clip whose file came out broken is not announced as
/// ready, and the file is kept aside.
/// </summary>
[Collection("real video")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ClipCheckTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Roll = TimeSpan.FromSeconds(1);
    private readonly TempDirectory _folder = new("mailroom-clip-check");
    private readonly LoggedErrors _errors = new();

    [Fact]
    public async Task A_real_clip_passes_its_check_and_clip_ready_carries_the_measured_figures()
    {
        await using var rig = await RecordAsync(damage: null);
        var (video, sink) = (rig.Video, rig.Sink);

        var envelope = await rig.TriggerAsync();

        var ready = await sink.WaitForAsync<ClipReadyEvent>(Timeout, r => r.TriggerEventIds.Contains(envelope.Id));
        Assert.True(ready.Checked);
        Assert.False(ready.Partial);
        Assert.Null(ready.Problem);
        var stream = Assert.Single(ready.Streams ?? []);
        Assert.Equal(("video", "h264"), (stream.Type, stream.Codec));
        Assert.Equal(stream.Duration, ready.Duration);
        Assert.True(ready.Duration >= ready.ActualEnd - ready.ActualStart - ClipCheck.Tolerance,
            $"{ready.Duration} of video for a span of {ready.ActualEnd - ready.ActualStart}");
        // An independent reading of the same file (ffprobe's container duration) agrees with the measured figure.
        var probe = await Ffprobe.ProbeAsync(video.Store.VideoPath(ready.ClipId));
        Assert.InRange(ready.Duration.TotalSeconds, probe.DurationSeconds - 0.1, probe.DurationSeconds + 0.1);
        Assert.Equal(stream.Packets, probe.Frames);
        Assert.DoesNotContain(sink.OfType<ClipMissingEvent>(), m => m.TriggerEventIds.Contains(envelope.Id));
        Assert.Equal(0, Assert.Single(video.Health).FailedClipChecks);
    }

    [Fact]
    public async Task A_clip_cut_into_an_unreadable_file_is_not_announced_as_ready()
    {
        await using var rig = await RecordAsync(ExportDamage.TornHeader);
        var (video, sink) = (rig.Video, rig.Sink);

        var envelope = await rig.TriggerAsync();

        var outcome = await sink.WaitForAsync<DomainEvent>(Timeout, e =>
            (e is ClipReadyEvent ready && ready.TriggerEventIds.Contains(envelope.Id)) ||
            (e is ClipMissingEvent missing && missing.TriggerEventIds.Contains(envelope.Id)));
        var missing = Assert.IsType<ClipMissingEvent>(outcome);
        Assert.Equal(ClipCheck.Unreadable, missing.Reason);
        Assert.StartsWith("ffprobe: ", missing.Detail, StringComparison.Ordinal);
        Assert.NotNull(missing.ClipId);
        Assert.NotNull(missing.AvailableStart);
        Assert.DoesNotContain(sink.Events.Snapshot(), e => e.Event is ClipReadyEvent);
        Assert.Empty(video.Store.List());
        // Nothing is lost silently: the broken file is kept where the event says, as the export left it.
        Assert.Equal(Path.Combine(".rejected", missing.ClipId + ".mp4"), missing.File);
        var kept = File.ReadAllBytes(Path.Combine(video.Store.Directory, missing.File!));
        Assert.True(kept.Length > CorruptingFfmpeg.ZeroedBytes, $"{kept.Length} bytes kept");
        Assert.All(kept[..CorruptingFfmpeg.ZeroedBytes], b => Assert.Equal(0, b));
        Assert.Equal(1, Assert.Single(video.Health).FailedClipChecks);
    }

    [Fact]
    public async Task A_clip_cut_short_is_announced_as_partial_with_the_duration_it_really_holds()
    {
        await using var rig = await RecordAsync(ExportDamage.CutInHalf);
        var (video, sink) = (rig.Video, rig.Sink);

        var envelope = await rig.TriggerAsync();

        var ready = await sink.WaitForAsync<ClipReadyEvent>(Timeout, r => r.TriggerEventIds.Contains(envelope.Id));
        var missing = Assert.Single(sink.OfType<ClipMissingEvent>(), m => m.TriggerEventIds.Contains(envelope.Id));
        var span = ready.ActualEnd - ready.ActualStart;
        Assert.True(ready.Checked);
        Assert.True(ready.Partial);
        Assert.Equal(ClipCheck.Short, ready.Problem);
        Assert.True(ready.Duration < span - ClipCheck.Tolerance, $"announced {ready.Duration} for a span of {span}");
        Assert.Equal((ClipCheck.Short, ready.ClipId), (missing.Reason, missing.ClipId));
        Assert.Contains("of video), its span is", missing.Detail, StringComparison.Ordinal);
        // The clip is kept and listed (it is real video, and evidence); its metadata carries the measured figure.
        Assert.Equal(ready.Duration, Assert.Single(video.Store.List()).Duration);
    }

    [Fact]
    public async Task A_clip_without_the_sound_of_a_camera_recording_audio_is_announced_as_partial()
    {
        await using var rig = await RecordAsync(ExportDamage.DropAudio, audio: true);
        var (video, sink) = (rig.Video, rig.Sink);
        // The start-up probe is what says the camera sends audio at all.
        await video.Probed.WaitAsync(Timeout);
        Assert.NotNull(Assert.Single(video.Health).Probe?.AudioCodec);

        var envelope = await rig.TriggerAsync();

        var ready = await sink.WaitForAsync<ClipReadyEvent>(Timeout, r => r.TriggerEventIds.Contains(envelope.Id));
        // clip.missing goes before clip.ready, so it is there by now.
        var missing = Assert.Single(sink.OfType<ClipMissingEvent>(), m => m.TriggerEventIds.Contains(envelope.Id));
        Assert.True(ready.Problem == ClipCheck.NoAudio, $"problem {ready.Problem}: {missing.Detail}");
        Assert.True(ready.Partial);
        Assert.Equal(["video"], (ready.Streams ?? []).Select(s => s.Type));
        Assert.Equal((ClipCheck.NoAudio, ready.ClipId), (missing.Reason, missing.ClipId));
    }

    /// <summary>
    /// Starts the test camera and records it (through an ffmpeg that damages exports, if asked) until the ring holds a
    /// pre-roll; with <paramref name="audio"/> the camera sends and records sound and is probed at start, as the agent does.
    /// </summary>
    private async Task<Rig> RecordAsync(ExportDamage? damage, bool audio = false)
    {
        var camera = await RtspTestCamera.StartAsync(audio: audio ? TestCameraAudio.Mp3 : TestCameraAudio.None);
        var settings = VideoBenchmarks.Settings(_folder.Path);
        if (damage is { } spoil)
            settings = settings with { FfmpegPath = CorruptingFfmpeg.Write(_folder.File("bin"), spoil) };
        var sink = new RecordingEventSink();
        var video = new VideoRecorder(settings, [new CameraSettings("lobby", camera.Url, [], Roll, Roll, ["test.trigger"], audio)], sink, TimeProvider.System, _errors,
            audio ? new FfprobeCameraProbe("/usr/bin", TimeSpan.FromSeconds(5)) : null);
        var rig = new Rig(camera, video, sink);
        try
        {
            video.Start();
            await RingWaiter.WaitForVideoAsync(video.Recorder("lobby"), Roll + TimeSpan.FromSeconds(1), Timeout);
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    /// <summary>The test camera, the recorder on it and its events; stops the recorder before the camera.</summary>
    private sealed class Rig(RtspTestCamera camera, VideoRecorder video, RecordingEventSink sink) : IAsyncDisposable
    {
        public VideoRecorder Video => video;

        public RecordingEventSink Sink => sink;

        public async Task<EventEnvelope> TriggerAsync()
        {
            var trigger = new TestTriggerEvent(DateTimeOffset.UtcNow, "test.trigger");
            var envelope = await sink.AppendAsync(trigger);
            video.OnEvent(new AppendedEvent(envelope, trigger));
            return envelope;
        }

        public async ValueTask DisposeAsync()
        {
            await video.DisposeAsync();
            await camera.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _folder.Dispose();
        _errors.ThrowIfUnexpected();
    }
}
