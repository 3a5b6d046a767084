using System.Threading.Channels;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Video.Clips;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Video.Delivery;

/// <summary>
/// Sends clips to the central server over MQTT in chunks: a manifest (naming the offset this pass starts at), the
/// snapshot on a pass from the start, then <c>chunk/{n}</c> at QoS 1 within a bounded in-flight window. Delivery is
/// resumable: each broker PUBACK that extends the run of acknowledged leading chunks is persisted
/// (<see cref="ClipStore.WriteProgress"/>), and after a reconnect or a restart a clip continues from there. The server
/// may ask for chunks again from an offset (<see cref="RequestResend"/>, the signed <c>clip</c> command). A clip counts
/// as delivered only when the server acknowledges it with its SHA-256 (<see cref="AcknowledgeAsync"/>, also a signed
/// command) — a PUBACK only says the broker has it — and then <c>clip.delivered</c> closes the chain of custody. A clip
/// fully sent but not acknowledged within <c>ackTimeout</c> gets its manifest again (on <paramref name="time"/>), which
/// prompts the server to acknowledge or ask for a resend, so a lost ack never strands a clip while the link stays up.
/// An evidence snapshot goes the same way: its JPEG is the media (<see cref="ClipStore.MediaPath"/>), its manifest says
/// <c>image/jpeg</c>. It uses its own MQTT connection so megabytes of video never queue in front of access events. One loop owns all
/// state; the uploader owns (and disposes) the transport.
/// </summary>
public sealed class ClipUploader(
    ClipStore store,
    IMqttTransport transport,
    DeviceIdentity device,
    IEventPort events,
    TimeProvider time,
    ILogger logger,
    int chunkSize = 256 * 1024,
    int window = 8,
    TimeSpan? ackTimeout = null)
    : IAsyncDisposable
{
    /// <summary>How long a fully sent clip waits for the server's acknowledgement before its manifest goes again.</summary>
    public static readonly TimeSpan DefaultAckTimeout = TimeSpan.FromMinutes(10);

    private readonly TimeSpan _ackTimeout = ackTimeout ?? DefaultAckTimeout;
    private readonly Channel<Request> _requests = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<int, (string ClipId, int Chunk)> _inflight = [];
    /// <summary>Fully sent clips waiting for the server's acknowledgement, with when their manifest goes again.</summary>
    private readonly Dictionary<string, DateTimeOffset> _awaitingAck = new(StringComparer.Ordinal);
    /// <summary>Delivered clips the server asked for again, with the chunk to start at (their progress is no longer kept).</summary>
    private readonly Dictionary<string, int> _resendDelivered = new(StringComparer.Ordinal);
    private readonly List<string> _pending = [];
    private Upload? _current;
    private bool _connected;

    /// <summary>Raised on the uploader's loop when the server has acknowledged a clip (and it is marked delivered).</summary>
    public event Action<string>? Delivered;

    /// <summary>Raised on the uploader's loop when a pass over a clip is complete and the clip waits for the server's acknowledgement.</summary>
    public event Action<string>? AwaitingAcknowledgement;

    /// <summary>Raised on the uploader's loop when a clip's persisted run of broker-acknowledged chunks grows.</summary>
    public event Action<string, int>? Progressed;

    public int ChunkSize => chunkSize;

    /// <summary>Offers a new clip or snapshot for delivery (on <c>clip.ready</c>, <c>snapshot.ready</c>); never blocks.</summary>
    public void Enqueue(string clipId) => _requests.Writer.TryWrite(new OfferRequest(clipId));

    /// <summary>
    /// The server lacks the clip from <paramref name="fromOffset"/> (bytes) on: it is sent again from the chunk holding
    /// that offset, with a new manifest, even if it was delivered before. The caller has checked that the clip exists.
    /// </summary>
    public void RequestResend(string clipId, long fromOffset) => _requests.Writer.TryWrite(new ResendRequest(clipId, fromOffset));

    /// <summary>The server holds the clip with this SHA-256: on a match the clip is marked delivered (retention may evict it first).</summary>
    public Task<ClipAcknowledgement> AcknowledgeAsync(string clipId, string sha256)
    {
        var done = new TaskCompletionSource<ClipAcknowledgement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests.Writer.TryWrite(new AcknowledgeRequest(clipId, sha256, done));
        return done.Task;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        transport.Start();
        var signals = transport.Signals;
        while (!cancellationToken.IsCancellationRequested)
        {
            while (signals.TryRead(out var signal))
                Handle(signal);
            while (_requests.Reader.TryRead(out var request))
                await HandleAsync(request);
            if (_connected)
            {
                OfferOverdue();
                Pump();
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var signalTask = signals.WaitToReadAsync(linked.Token).AsTask();
            var requestTask = _requests.Reader.WaitToReadAsync(linked.Token).AsTask();
            // Wake for the earliest overdue acknowledgement too (on the injected clock, so tests drive it).
            Task[] waits = _connected && _awaitingAck.Count > 0
                ? [signalTask, requestTask, Task.Delay(Max(_awaitingAck.Values.Min() - time.GetUtcNow(), TimeSpan.Zero), time, linked.Token)]
                : [signalTask, requestTask];
            try
            {
                await Task.WhenAny(waits).WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            finally
            {
                await linked.CancelAsync();
            }
            if (signalTask.IsCompletedSuccessfully && !signalTask.Result)
                return;
        }
        await transport.StopAsync();
    }

    /// <summary>Closes the clip being read and disposes the transport, which the uploader owns.</summary>
    public async ValueTask DisposeAsync()
    {
        _current?.Dispose();
        _current = null;
        await transport.DisposeAsync();
    }

    private void Handle(MqttSignal signal)
    {
        switch (signal)
        {
            case MqttConnected:
                _connected = true;
                // Every undelivered clip goes again from what the broker acknowledged; a fully sent one gets its manifest
                // again, which tells the server it can ask for a resend or acknowledge.
                _awaitingAck.Clear();
                foreach (var clip in store.List().Where(c => !c.Delivered).OrderByDescending(c => c.IsAlarm).ThenBy(c => c.CreatedAt))
                    Offer(clip.Id);
                break;
            case MqttDisconnected:
                _connected = false;
                _inflight.Clear();
                StopCurrent(requeue: true);
                break;
            case MqttPublishAcknowledged ack:
                OnPublishAcknowledged(ack.MessageId);
                break;
        }
    }

    private async Task HandleAsync(Request request)
    {
        switch (request)
        {
            case OfferRequest offer:
                Offer(offer.ClipId);
                break;
            case ResendRequest resend:
                OnResend(resend);
                break;
            case AcknowledgeRequest acknowledge:
                acknowledge.Done.TrySetResult(await OnAcknowledgeAsync(acknowledge.ClipId, acknowledge.Sha256));
                break;
        }
    }

    /// <summary>Clips whose acknowledgement is overdue get their manifest again (a pass from where the broker acknowledged).</summary>
    private void OfferOverdue()
    {
        var now = time.GetUtcNow();
        foreach (var clipId in _awaitingAck.Where(a => a.Value <= now).Select(a => a.Key).ToList())
        {
            _awaitingAck.Remove(clipId);
            logger.LogInformation("Clip {Clip}: no acknowledgement from the server within {Timeout}; offering its manifest again", clipId, _ackTimeout);
            Offer(clipId);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private void Offer(string clipId, bool first = false)
    {
        if (_current?.Clip.Id == clipId || _awaitingAck.ContainsKey(clipId) || _pending.Contains(clipId))
            return;
        _pending.Insert(first ? 0 : _pending.Count, clipId);
    }

    private void OnResend(ResendRequest resend)
    {
        if (store.Find(resend.ClipId) is not { } clip)
            return;
        var chunk = (int)Math.Min(resend.FromOffset / chunkSize, ClipManifest.ChunkCount(clip.SizeBytes, chunkSize));
        if (clip.Delivered)
            _resendDelivered[clip.Id] = chunk;
        else if (store.ReadProgress(clip.Id).ResumeAt(chunkSize) > chunk)
            store.WriteProgress(clip.Id, new DeliveryProgress(chunkSize, chunk));
        logger.LogInformation("Clip {Clip}: the server asks for it again from byte {Offset} (chunk {Chunk})", clip.Id, resend.FromOffset, chunk);
        if (_current?.Clip.Id == clip.Id)
            StopCurrent(requeue: false);
        _awaitingAck.Remove(clip.Id);
        _pending.Remove(clip.Id);
        Offer(clip.Id, first: true);
    }

    private async Task<ClipAcknowledgement> OnAcknowledgeAsync(string clipId, string sha256)
    {
        if (store.Find(clipId) is not { } clip)
            return ClipAcknowledgement.UnknownClip;
        if (!string.Equals(clip.Sha256, sha256, StringComparison.OrdinalIgnoreCase))
        {
            logger.LogWarning("Clip {Clip}: acknowledged with sha256 {Sha256}, not the clip's; it is sent again from the start", clipId, sha256);
            OnResend(new ResendRequest(clipId, 0));
            return ClipAcknowledgement.Mismatch;
        }
        store.MarkDelivered(clipId);
        _awaitingAck.Remove(clipId);
        _pending.Remove(clipId);
        if (_current?.Clip.Id == clipId)
            StopCurrent(requeue: false);
        logger.LogInformation("Clip {Clip} delivered", clipId);
        // Only the first acknowledgement closes the chain of custody; one after a resend of a delivered clip is no news.
        if (!clip.Delivered)
            await AnnounceDeliveredAsync(clip);
        Delivered?.Invoke(clipId);
        return ClipAcknowledgement.Delivered;
    }

    /// <summary>
    /// Appends <c>clip.delivered</c>. Not cancelled by shutdown: it is one local write, and the server's ack command
    /// waits for its result.
    /// </summary>
    private async Task AnnounceDeliveredAsync(ClipRecord clip)
    {
        var now = time.GetUtcNow();
        try
        {
            await events.Emit(new ClipDeliveredEvent(now, clip.Id, clip.Camera, clip.Sha256, clip.SizeBytes, Max(now - clip.CreatedAt, TimeSpan.Zero)));
        }
        catch (Exception e)
        {
            // The clip is delivered either way (the server holds it); only the event is missing, and the log says so.
            logger.LogError(e, "Clip {Clip} delivered, but its clip.delivered event could not be stored", clip.Id);
        }
    }

    private void OnPublishAcknowledged(int messageId)
    {
        if (!_inflight.Remove(messageId, out var sent) || sent.Chunk < 0 || _current is not { } upload || upload.Clip.Id != sent.ClipId)
            return;
        if (upload.MarkAcknowledged(sent.Chunk) && !upload.Clip.Delivered)
        {
            store.WriteProgress(upload.Clip.Id, new DeliveryProgress(chunkSize, upload.AckedChunks));
            Progressed?.Invoke(upload.Clip.Id, upload.AckedChunks);
        }
    }

    private void Pump()
    {
        try
        {
            while (true)
            {
                if (_current is null && !TryBegin())
                    return;
                var upload = _current!;
                while (_inflight.Count < window && upload.Next < upload.Chunks)
                {
                    var chunk = upload.Read(upload.Next, chunkSize);
                    _inflight[transport.Publish(ClipTopics.Chunk(device, upload.Clip.Id, upload.Next), chunk, qos: 1, retain: false)] = (upload.Clip.Id, upload.Next);
                    upload.Next++;
                }
                if (upload.Next < upload.Chunks || _inflight.Values.Any(s => s.ClipId == upload.Clip.Id))
                    return;
                if (!upload.Clip.Delivered)
                {
                    _awaitingAck[upload.Clip.Id] = time.GetUtcNow() + _ackTimeout;
                    AwaitingAcknowledgement?.Invoke(upload.Clip.Id);
                }
                _resendDelivered.Remove(upload.Clip.Id);
                logger.LogInformation("Clip {Clip} sent ({Chunks} chunks from chunk {First}); waiting for the server's acknowledgement",
                    upload.Clip.Id, upload.Chunks, upload.First);
                upload.Dispose();
                _current = null;
            }
        }
        catch (MqttTransportException e)
        {
            // Connection lost between signals; the disconnect signal follows and the clip resumes after reconnect.
            logger.LogDebug(e, "Clip upload paused");
        }
    }

    private bool TryBegin()
    {
        while (_pending.Count > 0)
        {
            var clipId = _pending[0];
            _pending.RemoveAt(0);
            if (store.Find(clipId) is not { } clip || (clip.Delivered && !_resendDelivered.ContainsKey(clipId)))
                continue;
            Stream video;
            try
            {
                video = File.OpenRead(store.MediaPath(clip));
            }
            catch (FileNotFoundException)
            {
                continue; // Evicted meanwhile; clip.evicted said so.
            }
            var chunks = ClipManifest.ChunkCount(clip.SizeBytes, chunkSize);
            var first = Math.Min(clip.Delivered ? _resendDelivered[clip.Id] : store.ReadProgress(clip.Id).ResumeAt(chunkSize), chunks);
            _current = new Upload(clip, video, chunks, first);
            var offset = (long)first * chunkSize;
            _inflight[transport.Publish(ClipTopics.Manifest(device, clip.Id), ClipManifest.Serialize(clip, chunkSize, offset), qos: 1, retain: false)] = (clip.Id, -1);
            // The snapshot went before chunk 0 on the same connection, so a pass that resumes past chunk 0 need not repeat it.
            if (first == 0 && clip.HasSnapshot && File.Exists(store.SnapshotPath(clip.Id)))
                _inflight[transport.Publish(ClipTopics.Snapshot(device, clip.Id), File.ReadAllBytes(store.SnapshotPath(clip.Id)), qos: 1, retain: false)] = (clip.Id, -1);
            if (first > 0)
                logger.LogInformation("Clip {Clip}: resuming at chunk {First} of {Chunks}", clip.Id, first, chunks);
            return true;
        }
        return false;
    }

    private void StopCurrent(bool requeue)
    {
        if (_current is not { } interrupted)
            return;
        interrupted.Dispose();
        _current = null;
        if (requeue)
            Offer(interrupted.Clip.Id, first: true);
    }

    private abstract record Request;

    private sealed record OfferRequest(string ClipId) : Request;

    private sealed record ResendRequest(string ClipId, long FromOffset) : Request;

    private sealed record AcknowledgeRequest(string ClipId, string Sha256, TaskCompletionSource<ClipAcknowledgement> Done) : Request;

    /// <summary>The clip being sent: its file, the next chunk to publish and which chunks the broker has acknowledged.</summary>
    private sealed class Upload(ClipRecord clip, Stream video, int chunks, int first) : IDisposable
    {
        private readonly HashSet<int> _acknowledged = [];

        public ClipRecord Clip { get; } = clip;

        public int Chunks { get; } = chunks;

        public int First { get; } = first;

        public int Next { get; set; } = first;

        /// <summary>Chunks 0 … AckedChunks − 1 are all acknowledged by the broker.</summary>
        public int AckedChunks { get; private set; } = first;

        /// <summary>Notes a PUBACK; true when it extends the acknowledged run of leading chunks.</summary>
        public bool MarkAcknowledged(int chunk)
        {
            _acknowledged.Add(chunk);
            var before = AckedChunks;
            while (_acknowledged.Remove(AckedChunks))
                AckedChunks++;
            return AckedChunks > before;
        }

        public byte[] Read(int index, int size)
        {
            video.Position = (long)index * size;
            var buffer = new byte[(int)Math.Min(size, video.Length - video.Position)];
            video.ReadExactly(buffer);
            return buffer;
        }

        public void Dispose() => video.Dispose();
    }
}
