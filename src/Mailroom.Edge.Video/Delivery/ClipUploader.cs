using System.Text.Json;
using System.Threading.Channels;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Video.Clips;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Video.Delivery;

/// <summary>
/// Sends clips to the central server over MQTT in chunks: manifest, snapshot, then <c>chunk/{n}</c> at QoS 1 within a
/// bounded in-flight window. A clip counts as delivered only when the server answers on <c>…/ack</c> with the clip's
/// SHA-256 — a broker's PUBACK only says the broker has it. It uses its own MQTT connection (transport) so megabytes of
/// video never queue in front of access events. A lost connection restarts the current clip from its manifest; every
/// undelivered clip is offered again after each reconnect, alarm clips first. One loop owns the transport's signals;
/// the uploader owns (and disposes) the transport.
/// </summary>
public sealed class ClipUploader(
    ClipStore store, IMqttTransport transport, DeviceIdentity device, ILogger logger, int chunkSize = 256 * 1024, int window = 8)
    : IAsyncDisposable
{
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<int> _inflight = [];
    private readonly HashSet<string> _awaitingAck = new(StringComparer.Ordinal);
    private readonly Queue<string> _pending = new();
    private Upload? _current;
    private bool _connected;

    /// <summary>Raised on the uploader's loop when the server has acknowledged a clip (and it is marked delivered).</summary>
    public event Action<string>? Delivered;

    /// <summary>Offers a new clip for delivery (e.g. on <c>clip.ready</c>); never blocks.</summary>
    public void Enqueue(string clipId) => _queue.Writer.TryWrite(clipId);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        transport.Subscribe(ClipTopics.AckFilter(device), qos: 1);
        transport.Start();
        var signals = transport.Signals;
        while (!cancellationToken.IsCancellationRequested)
        {
            while (signals.TryRead(out var signal))
                Handle(signal);
            while (_queue.Reader.TryRead(out var clipId))
                Offer(clipId);
            if (_connected)
                Pump();

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var signalTask = signals.WaitToReadAsync(linked.Token).AsTask();
            var queueTask = _queue.Reader.WaitToReadAsync(linked.Token).AsTask();
            try
            {
                await Task.WhenAny(signalTask, queueTask).WaitAsync(cancellationToken);
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
                // Whatever the server has not acknowledged goes again: it may have missed chunks while we were away.
                _awaitingAck.Clear();
                _pending.Clear();
                foreach (var clip in store.List().Where(c => !c.Delivered).OrderByDescending(c => c.IsAlarm).ThenBy(c => c.CreatedAt))
                    Offer(clip.Id);
                break;
            case MqttDisconnected:
                _connected = false;
                _inflight.Clear();
                if (_current is { } interrupted)
                {
                    interrupted.Dispose();
                    _current = null;
                }
                break;
            case MqttPublishAcknowledged ack:
                _inflight.Remove(ack.MessageId);
                break;
            case MqttMessageReceived message:
                OnAck(message);
                break;
        }
    }

    private void Offer(string clipId)
    {
        if (_current?.Clip.Id != clipId && !_awaitingAck.Contains(clipId) && !_pending.Contains(clipId))
            _pending.Enqueue(clipId);
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
                    _inflight.Add(transport.Publish(ClipTopics.Chunk(device, upload.Clip.Id, upload.Next), chunk, qos: 1, retain: false));
                    upload.Next++;
                }
                if (upload.Next < upload.Chunks || _inflight.Count > 0)
                    return;
                _awaitingAck.Add(upload.Clip.Id);
                logger.LogInformation("Clip {Clip} sent ({Chunks} chunks); waiting for the server's acknowledgement", upload.Clip.Id, upload.Chunks);
                upload.Dispose();
                _current = null;
            }
        }
        catch (MqttTransportException e)
        {
            // Connection lost between signals; the disconnect signal follows and the clip restarts after reconnect.
            logger.LogDebug(e, "Clip upload paused");
        }
    }

    private bool TryBegin()
    {
        while (_pending.TryDequeue(out var clipId))
        {
            var clip = store.List().FirstOrDefault(c => c.Id == clipId);
            if (clip is null || clip.Delivered)
                continue;
            Stream video;
            try
            {
                video = File.OpenRead(store.VideoPath(clip.Id));
            }
            catch (FileNotFoundException)
            {
                continue; // Evicted meanwhile; clip.evicted said so.
            }
            _current = new Upload(clip, video, ClipManifest.ChunkCount(clip.SizeBytes, chunkSize));
            _inflight.Add(transport.Publish(ClipTopics.Manifest(device, clip.Id), ClipManifest.Serialize(clip, chunkSize), qos: 1, retain: false));
            if (clip.HasSnapshot && File.Exists(store.SnapshotPath(clip.Id)))
                _inflight.Add(transport.Publish(ClipTopics.Snapshot(device, clip.Id), File.ReadAllBytes(store.SnapshotPath(clip.Id)), qos: 1, retain: false));
            return true;
        }
        return false;
    }

    private void OnAck(MqttMessageReceived message)
    {
        if (ClipTopics.Parse(device, message.Topic) is not ({ } clipId, "ack"))
            return;
        string? sha256;
        try
        {
            using var json = JsonDocument.Parse(message.Payload);
            sha256 = json.RootElement.GetProperty("sha256").GetString();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            logger.LogWarning("Clip {Clip}: unreadable acknowledgement ignored", clipId);
            return;
        }
        var clip = store.List().FirstOrDefault(c => c.Id == clipId);
        if (clip is null || !string.Equals(clip.Sha256, sha256, StringComparison.OrdinalIgnoreCase))
        {
            logger.LogWarning("Clip {Clip}: acknowledgement does not match (sha256 {Sha256}); it will be sent again", clipId, sha256);
            _awaitingAck.Remove(clipId);
            // The answer can overtake our last PUBACK, i.e. arrive while the clip still counts as being sent.
            if (_current?.Clip.Id == clipId)
            {
                _current.Dispose();
                _current = null;
            }
            Offer(clipId);
            return;
        }
        store.MarkDelivered(clipId);
        _awaitingAck.Remove(clipId);
        logger.LogInformation("Clip {Clip} delivered", clipId);
        Delivered?.Invoke(clipId);
    }

    /// <summary>The clip being sent: its file and the next chunk to publish.</summary>
    private sealed class Upload(ClipRecord clip, Stream video, int chunks) : IDisposable
    {
        public ClipRecord Clip { get; } = clip;

        public int Chunks { get; } = chunks;

        public int Next { get; set; }

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
