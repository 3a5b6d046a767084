using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Host.Events;
using Mailroom.Edge.Host.Services;
using Mailroom.Edge.Mqtt;
using Mailroom.Edge.Testing;
using Mailroom.Edge.Testing.Logging;
using Mailroom.Edge.Video;
using Mailroom.Edge.Video.Delivery;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Mailroom.Edge.Host.Tests.Agent;

/// <summary>
/// The host's wiring: a denied badge appended to the dispatcher becomes a clip from the camera covering that door, and
/// the clip reaches the central side over MQTT in chunks and is marked delivered.
/// </summary>
public sealed class VideoServiceTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly LoggedErrors _errors = new();

    [Fact]
    public async Task A_denied_badge_at_a_covered_door_produces_a_clip_that_is_delivered()
    {
        await using var camera = await RtspTestCamera.StartAsync();
        using var folder = new TempDirectory("mailroom-video-host");
        var durable = new RecordingEventSink();
        var dispatcher = new EventDispatcher();
        var events = new EventPipeline(durable, dispatcher, TimeProvider.System, _errors.CreateLogger<EventPipeline>());
        var pre = TimeSpan.FromSeconds(1);
        var cameras = new[]
        {
            new CameraSettings("front-cam", camera.Url, ["front"], pre, TimeSpan.FromSeconds(1), ["access.denied"]),
        };
        await using var video = new VideoRecorder(VideoBenchmarks.Settings(folder.Path), cameras, events, TimeProvider.System, _errors);
        await using var broker = await MosquittoBroker.StartAsync();
        var device = new DeviceIdentity("hq", "edge-1");
        await using var central = await ClipReassembler.StartAsync(broker.Host, broker.Port, device, Timeout);
        await using var uploader = new ClipUploader(video.Store,
            new MosquittoTransport(new MqttConnectionSettings { Host = broker.Host, Port = broker.Port, ClientId = "edge-1-clips" }),
            device, events, TimeProvider.System, _errors.CreateLogger<ClipUploader>(), chunkSize: 32 * 1024);
        var delivered = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        uploader.Delivered += id => delivered.TrySetResult(id);
        central.AcknowledgeWith = (id, sha256) => uploader.AcknowledgeAsync(id, sha256);
        using var service = new VideoService(video, dispatcher, _errors.CreateLogger<VideoService>(), uploader);
        await service.StartAsync(CancellationToken.None);
        try
        {
            await durable.WaitForAsync<CameraUpEvent>(Timeout);
            await RingWaiter.WaitForVideoAsync(video.Recorder("front-cam"), pre + TimeSpan.FromSeconds(1), Timeout);

            var denied = new AccessDecision(false, DenialReason.UnknownCredential, new CardCredential("H10301", 1, 2), null, []);
            await events.Emit(new AccessEvent(DateTimeOffset.UtcNow, new DoorId("back"), new ReaderId("back-in"), denied));
            var envelope = await events.Emit(new AccessEvent(DateTimeOffset.UtcNow, new DoorId("front"), new ReaderId("front-in"), denied));

            var ready = await durable.WaitForAsync<ClipReadyEvent>(Timeout);
            Assert.Equal([envelope.Id], ready.TriggerEventIds);
            var received = await central.WaitForClipAsync(ready.ClipId, Timeout);
            Assert.Equal(await File.ReadAllBytesAsync(video.Store.VideoPath(ready.ClipId)), received);
            Assert.Equal(ready.ClipId, await delivered.Task.WaitAsync(Timeout));
            Assert.True(video.Store.List().Single().Delivered);
            // The chain of custody closes with clip.delivered, through the same durable path as every event.
            var closed = await durable.WaitForAsync<ClipDeliveredEvent>(Timeout);
            Assert.Equal((ready.ClipId, ready.Camera, ready.Sha256, ready.SizeBytes), (closed.ClipId, closed.Camera, closed.Sha256, closed.SizeBytes));
            // Delivery runs from clip.ready: from when the clip's file was written, not from when its export began (a
            // slow export was counted as delivery, which a busy machine showed).
            var record = video.Store.List().Single();
            Assert.InRange(File.GetLastWriteTimeUtc(video.Store.VideoPath(ready.ClipId)), DateTime.MinValue, record.CreatedAt.UtcDateTime);
            Assert.InRange(record.CreatedAt, DateTimeOffset.MinValue, ready.Timestamp);
            Assert.Equal(closed.Timestamp - record.CreatedAt, closed.DeliveryTime);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    public void Dispose() => _errors.ThrowIfUnexpected();
}
