using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Mqtt;
using Mailroom.Edge.Testing;
using Mailroom.Edge.Testing.Logging;
using Mailroom.Edge.Video.Clips;
using Mailroom.Edge.Video.Delivery;
using Xunit;

namespace Mailroom.Edge.Video.Tests.Integration;

/// <summary>
/// Chunked clip delivery through a real mosquitto: the device's uploader on one connection (through a relay that can
/// be severed), the central side's reassembler on another. Waits are on delivery signals, never sleeps; the
/// uploader's clock (acknowledgement timeout, <c>clip.delivered</c> times) is a manual one.
/// </summary>
public sealed class ClipDeliveryTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly DeviceIdentity Device = new("hq", "edge-1");
    private const int ChunkSize = 64 * 1024;
    private static readonly TimeSpan AckTimeout = TimeSpan.FromMinutes(3);

    private readonly TempDirectory _folder = new("mailroom-clip-delivery");
    private readonly SignalRecorder<string> _delivered = new();
    private readonly SignalRecorder<string> _awaitingAck = new();
    private readonly RecordingEventSink _events = new();
    private readonly LoggedErrors _errors = new();
    private readonly ManualTimeProvider _clock = new();
    private MosquittoBroker _broker = null!;
    private TcpRelay _relay = null!;
    private ClipReassembler _central = null!;
    private ClipStore _store = null!;
    private readonly SignalRecorder<(string ClipId, int AckedChunks)> _progress = new();
    private ClipUploader _uploader = null!;
    private Task _uploading = Task.CompletedTask;
    private CancellationTokenSource _uploaderStop = new();

    public async Task InitializeAsync()
    {
        _broker = await MosquittoBroker.StartAsync();
        _relay = new TcpRelay(_broker.Port);
        _central = await ClipReassembler.StartAsync(_broker.Host, _broker.Port, Device, Timeout);
        _store = new ClipStore(_folder.Path);
    }

    public async Task DisposeAsync()
    {
        await _uploaderStop.CancelAsync();
        await _uploading;
        if (_uploader is not null)
            await _uploader.DisposeAsync();
        await _central.DisposeAsync();
        await _relay.DisposeAsync();
        await _broker.DisposeAsync();
    }

    public void Dispose()
    {
        _uploaderStop.Dispose();
        _folder.Dispose();
        _errors.ThrowIfUnexpected();
    }

    [Fact]
    public async Task A_clip_arrives_whole_is_marked_delivered_on_the_servers_ack_and_clip_delivered_closes_the_chain()
    {
        var (record, bytes) = AddClip("lobby-1", 700_000, created: _clock.GetUtcNow() - TimeSpan.FromSeconds(42));
        StartUploader();

        var received = await _central.WaitForClipAsync(record.Id, Timeout);
        Assert.Equal(bytes, received);
        await _delivered.WaitForAsync(id => id == record.Id, Timeout);
        Assert.True(_store.List().Single().Delivered);
        var closed = Assert.Single(_events.OfType<ClipDeliveredEvent>());
        Assert.Equal((record.Id, "lobby", record.Sha256, 700_000L, TimeSpan.FromSeconds(42)),
            (closed.ClipId, closed.Camera, closed.Sha256, closed.SizeBytes, closed.DeliveryTime));
    }

    [Fact]
    public async Task A_clip_sent_but_never_acknowledged_gets_its_manifest_again_after_the_ack_timeout()
    {
        var (record, bytes) = AddClip("lobby-8", 3 * ChunkSize + 5);
        _central.Acknowledge = false;
        StartUploader();
        await _central.WaitForClipAsync(record.Id, Timeout);
        await _awaitingAck.WaitForAsync(id => id == record.Id, Timeout);
        // Advance only once the uploader waits on its timer for this deadline (it computes the delay from "now").
        await _clock.WaitForTimerDueByAsync(_clock.GetUtcNow() + AckTimeout).WaitAsync(Timeout);

        // The server's ack was lost and the link stays up: not yet offered again before the timeout…
        _clock.Advance(AckTimeout - TimeSpan.FromSeconds(1));
        Assert.Single(_central.Manifests.Snapshot(), m => m.ClipId == record.Id);
        _central.Acknowledge = true;
        // …then its manifest goes again (only the manifest: the broker has every chunk), and the server acknowledges.
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(bytes, await _central.WaitForClipAsync(record.Id, Timeout, nth: 2));
        await _delivered.WaitForAsync(id => id == record.Id, Timeout);
        // A pass past the last chunk: its offset is chunks × chunk_size, past the end.
        Assert.Equal([0L, 4L * ChunkSize], _central.Manifests.Snapshot().Where(m => m.ClipId == record.Id).Select(m => m.Offset));
        AssertSentOnce(record.Id, 4);
        Assert.Equal(AckTimeout, Assert.Single(_events.OfType<ClipDeliveredEvent>()).DeliveryTime);
    }

    [Fact]
    public async Task A_wrong_ack_makes_the_device_send_the_clip_again()
    {
        var (record, bytes) = AddClip("lobby-2", 200_000);
        _central.CorruptNextAck = true;
        StartUploader();

        Assert.Equal(bytes, await _central.WaitForClipAsync(record.Id, Timeout, nth: 2));
        await _delivered.WaitForAsync(id => id == record.Id, Timeout);
        Assert.Equal(ClipAcknowledgement.UnknownClip, await _uploader.AcknowledgeAsync("no-such-clip", new string('0', 64)));
        Assert.Equal(ClipAcknowledgement.UnknownClip, await _uploader.AcknowledgeAsync("../outside", new string('0', 64)));
    }

    [Fact]
    public async Task A_clip_interrupted_by_a_lost_connection_resumes_without_resending_acknowledged_chunks()
    {
        var (record, bytes) = AddClip("lobby-5", 40 * ChunkSize + 123);
        StartUploader(holdRepliesAfterChunks: 8);
        var acked = (await _progress.WaitForAsync(p => p.ClipId == record.Id && p.AckedChunks >= 8, Timeout)).AckedChunks;

        // The broker's replies are held, so the device is stuck mid-clip; now the link breaks.
        _relay.Sever();
        _relay.ReleaseReplies();

        Assert.Equal(bytes, await _central.WaitForClipAsync(record.Id, Timeout));
        await _delivered.WaitForAsync(id => id == record.Id, Timeout);
        AssertSentOnce(record.Id, acked);
        Assert.Contains(_central.Manifests.Snapshot(), m => m.ClipId == record.Id && m.Offset >= (long)acked * ChunkSize);
    }

    [Fact]
    public async Task A_clip_interrupted_by_a_restart_of_the_agent_resumes_from_the_persisted_progress()
    {
        var (record, bytes) = AddClip("lobby-6", 40 * ChunkSize);
        StartUploader(holdRepliesAfterChunks: 8);
        var acked = (await _progress.WaitForAsync(p => p.ClipId == record.Id && p.AckedChunks >= 8, Timeout)).AckedChunks;

        await StopUploaderAsync();
        _relay.ReleaseReplies();
        Assert.True(_store.ReadProgress(record.Id).AckedChunks >= acked);
        StartUploader();

        Assert.Equal(bytes, await _central.WaitForClipAsync(record.Id, Timeout));
        await _delivered.WaitForAsync(id => id == record.Id, Timeout);
        AssertSentOnce(record.Id, acked);
        Assert.True(_store.List().Single().Delivered);
    }

    [Fact]
    public async Task A_resend_request_sends_a_delivered_clip_again_from_the_chunk_holding_the_offset()
    {
        var (record, bytes) = AddClip("lobby-7", 10 * ChunkSize);
        StartUploader();
        await _central.WaitForClipAsync(record.Id, Timeout);
        await _delivered.WaitForAsync(id => id == record.Id, Timeout);

        _uploader.RequestResend(record.Id, 3 * ChunkSize + 100);

        Assert.Equal(bytes, await _central.WaitForClipAsync(record.Id, Timeout, nth: 2));
        var acks = 0;
        await _delivered.WaitForAsync(id => id == record.Id && Interlocked.Increment(ref acks) >= 2, Timeout);
        Assert.Single(_events.OfType<ClipDeliveredEvent>()); // the second ack of a delivered clip is no news
        AssertSentOnce(record.Id, 3);
        Assert.All(Enumerable.Range(3, 7), i => Assert.True(_central.Receipts(record.Id, i) >= 2, $"chunk {i} was not sent again"));
        Assert.Contains(_central.Manifests.Snapshot(), m => m.ClipId == record.Id && m.Offset == 3 * ChunkSize);
    }

    [Fact]
    public async Task Unacknowledged_clips_go_again_after_a_reconnect()
    {
        var (plain, plainBytes) = AddClip("lobby-3", 100_000, created: _clock.GetUtcNow().AddMinutes(-2));
        var (alarm, alarmBytes) = AddClip("lobby-4", 300_000, alarm: true);
        _central.Acknowledge = false;
        StartUploader();
        await _central.WaitForClipAsync(plain.Id, Timeout);
        await _central.WaitForClipAsync(alarm.Id, Timeout);

        _central.Acknowledge = true;
        _relay.Sever();

        // Every chunk was acknowledged by the broker, so after the reconnect each clip goes again as a manifest only,
        // which prompts the server to verify what it holds and acknowledge.
        Assert.Equal(alarmBytes, await _central.WaitForClipAsync(alarm.Id, Timeout, nth: 2));
        Assert.Equal(plainBytes, await _central.WaitForClipAsync(plain.Id, Timeout, nth: 2));
        await _delivered.WaitForAsync(id => id == alarm.Id, Timeout);
        await _delivered.WaitForAsync(id => id == plain.Id, Timeout);
        Assert.All(_store.List(), c => Assert.True(c.Delivered));
    }

    private (ClipRecord Record, byte[] Bytes) AddClip(string id, int size, bool alarm = false, DateTimeOffset? created = null)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        var staged = Path.Combine(_store.Staging, id + ".mp4");
        File.WriteAllBytes(staged, bytes);
        var now = created ?? _clock.GetUtcNow();
        var record = new ClipRecord
        {
            Id = id,
            Camera = "lobby",
            CreatedAt = now,
            Triggers = [Guid.CreateVersion7()],
            RequestedStart = now.AddSeconds(-4),
            RequestedEnd = now,
            ActualStart = now.AddSeconds(-4.5),
            ActualEnd = now,
            Duration = TimeSpan.FromSeconds(4.5),
            SizeBytes = size,
            Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)),
            IsAlarm = alarm,
        };
        _store.Commit(record, staged, null);
        return (record, bytes);
    }

    private void AssertSentOnce(string clipId, int chunks) =>
        Assert.All(Enumerable.Range(0, chunks), i => Assert.True(_central.Receipts(clipId, i) == 1, $"chunk {i} arrived {_central.Receipts(clipId, i)} times"));

    private async Task StopUploaderAsync()
    {
        await _uploaderStop.CancelAsync();
        await _uploading;
        await _uploader.DisposeAsync();
        _uploaderStop.Dispose();
        _uploaderStop = new CancellationTokenSource();
    }

    /// <summary>Starts the device side; with <paramref name="holdRepliesAfterChunks"/>, the relay holds the broker's
    /// replies once, from the moment that many chunks are acknowledged (synchronously, on the uploader's loop).</summary>
    private void StartUploader(int? holdRepliesAfterChunks = null)
    {
        var transport = new MosquittoTransport(new MqttConnectionSettings
        {
            Host = _broker.Host,
            Port = _relay.Port,
            ClientId = "edge-1-clips",
            ReconnectDelayMin = TimeSpan.FromMilliseconds(100),
            ReconnectDelayMax = TimeSpan.FromMilliseconds(500),
        });
        _uploader = new ClipUploader(_store, transport, Device, _events, _clock, _errors.CreateLogger(nameof(ClipUploader)), ChunkSize, window: 4, ackTimeout: AckTimeout);
        _uploader.Delivered += _delivered.Add;
        _uploader.AwaitingAcknowledgement += _awaitingAck.Add;
        var held = false;
        _uploader.Progressed += (id, chunks) =>
        {
            if (chunks >= holdRepliesAfterChunks && !held)
            {
                held = true;
                _relay.HoldReplies();
            }
            _progress.Add((id, chunks));
        };
        var uploader = _uploader;
        _central.AcknowledgeWith = (id, sha256) => uploader.AcknowledgeAsync(id, sha256);
        _uploading = Task.Run(() => uploader.RunAsync(_uploaderStop.Token));
    }
}
