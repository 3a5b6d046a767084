using System.Security.Cryptography;
using System.Text.Json;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Mqtt;
using Mailroom.Edge.Video.Delivery;

namespace Mailroom.Edge.Testing;

/// <summary>
/// The central server's side of clip delivery, small: subscribes to <c>{root}/clip/#</c>, collects the manifest and
/// chunks (in any order, duplicates tolerated), and when a clip is complete checks its size and SHA-256 and
/// acknowledges it through <see cref="AcknowledgeWith"/> (a signed <c>clip</c> command in production; the uploader's
/// method in component tests). A manifest whose <c>offset</c> is past 0 starts a pass that resumes: chunks before the
/// offset are kept, later ones are expected again. Tests await <see cref="WaitForClipAsync"/> for the reassembled bytes
/// and read <see cref="Receipts"/> to see which chunks came more than once.
/// </summary>
public sealed class ClipReassembler : IAsyncDisposable
{
    private readonly MosquittoTransport _transport;
    private readonly DeviceIdentity _device;
    private readonly Dictionary<string, (JsonDocument? Manifest, Dictionary<int, byte[]> Chunks)> _parts = new(StringComparer.Ordinal);
    private readonly Dictionary<(string ClipId, int Chunk), int> _receipts = [];
    private readonly Dictionary<string, string?> _contentTypes = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly SignalRecorder<(string ClipId, byte[] Bytes)> _complete = new();
    private readonly SignalRecorder<(string ClipId, long Offset)> _manifests = new();
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _pump;

    private ClipReassembler(MosquittoTransport transport, DeviceIdentity device)
    {
        _transport = transport;
        _device = device;
        _pump = PumpAsync();
    }

    /// <summary>When false, complete clips are not acknowledged (to test that the device sends them again).</summary>
    public bool Acknowledge { get; set; } = true;

    /// <summary>When true, the next acknowledgement carries a wrong SHA-256 (the device must send the clip again).</summary>
    public bool CorruptNextAck { get; set; }

    /// <summary>How a complete clip is acknowledged: (clip id, sha256). Unset: not acknowledged.</summary>
    public Func<string, string, Task>? AcknowledgeWith { get; set; }

    /// <summary>Manifests received: clip id and the offset each pass started at.</summary>
    public SignalRecorder<(string ClipId, long Offset)> Manifests => _manifests;

    /// <summary>The <c>content_type</c> of the clip's latest manifest (<c>video/mp4</c>, <c>image/jpeg</c> for a snapshot); null before one.</summary>
    public string? ContentType(string clipId)
    {
        lock (_gate)
            return _contentTypes.GetValueOrDefault(clipId);
    }

    /// <summary>How many times chunk <paramref name="chunk"/> of the clip arrived.</summary>
    public int Receipts(string clipId, int chunk)
    {
        lock (_gate)
            return _receipts.GetValueOrDefault((clipId, chunk));
    }
    public static async Task<ClipReassembler> StartAsync(string host, int port, DeviceIdentity device, TimeSpan timeout)
    {
        var transport = new MosquittoTransport(new MqttConnectionSettings { Host = host, Port = port, ClientId = $"test-central-{Guid.NewGuid():N}" });
        var reassembler = new ClipReassembler(transport, device);
        transport.Subscribe($"{device.TopicRoot}/clip/#", qos: 1);
        transport.Start();
        await reassembler._subscribed.Task.WaitAsync(timeout);
        return reassembler;
    }

    /// <summary>The n-th (1-based) complete reassembly of the clip, verified against its manifest.</summary>
    public async Task<byte[]> WaitForClipAsync(string clipId, TimeSpan timeout, int nth = 1)
    {
        var seen = 0;
        var gate = new Lock();
        var match = await _complete.WaitForAsync(c =>
        {
            if (c.ClipId != clipId)
                return false;
            lock (gate)
                return ++seen >= nth;
        }, timeout);
        return match.Bytes;
    }

    public async ValueTask DisposeAsync()
    {
        await _transport.DisposeAsync();
        await _pump;
        foreach (var (manifest, _) in _parts.Values)
            manifest?.Dispose();
    }

    private async Task PumpAsync()
    {
        await foreach (var signal in _transport.Signals.ReadAllAsync())
        {
            if (signal is MqttSubscribed)
                _subscribed.TrySetResult();
            else if (signal is MqttMessageReceived message && ClipTopics.Parse(_device, message.Topic) is ({ } clipId, { } part))
                Receive(clipId, part, message.Payload);
        }
    }

    private void Receive(string clipId, string part, byte[] payload)
    {
        if (!_parts.TryGetValue(clipId, out var parts))
            parts = _parts[clipId] = (null, []);
        if (part == "manifest")
        {
            var manifest = JsonDocument.Parse(payload);
            var offset = manifest.RootElement.GetProperty("offset").GetInt64();
            var firstChunk = (int)(offset / manifest.RootElement.GetProperty("chunk_size").GetInt32());
            // Same clip content: keep what came before the pass's offset. Anything else starts over.
            var same = parts.Manifest is { } old
                && old.RootElement.GetProperty("sha256").GetString() == manifest.RootElement.GetProperty("sha256").GetString()
                && old.RootElement.GetProperty("chunk_size").GetInt32() == manifest.RootElement.GetProperty("chunk_size").GetInt32();
            var kept = same ? parts.Chunks.Where(c => c.Key < firstChunk).ToDictionary() : [];
            parts.Manifest?.Dispose();
            parts = _parts[clipId] = (manifest, kept);
            lock (_gate)
                _contentTypes[clipId] = manifest.RootElement.GetProperty("content_type").GetString();
            _manifests.Add((clipId, offset));
            if (firstChunk == 0 || !same)
                return;
        }
        else if (part.StartsWith("chunk/", StringComparison.Ordinal))
        {
            var index = int.Parse(part["chunk/".Length..], System.Globalization.CultureInfo.InvariantCulture);
            lock (_gate)
                _receipts[(clipId, index)] = _receipts.GetValueOrDefault((clipId, index)) + 1;
            if (parts.Chunks.ContainsKey(index))
                return;
            parts.Chunks[index] = payload;
        }
        else
            return;

        if (parts.Manifest is not { } current)
            return;
        var root = current.RootElement;
        var count = root.GetProperty("chunks").GetInt32();
        if (Enumerable.Range(0, count).Any(i => !parts.Chunks.ContainsKey(i)))
            return;
        var bytes = Enumerable.Range(0, count).SelectMany(i => parts.Chunks[i]).ToArray();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (bytes.Length != root.GetProperty("size").GetInt64() || sha256 != root.GetProperty("sha256").GetString())
        {
            parts.Chunks.Clear();
            return;
        }
        // Decide and answer before telling waiters: a test that reacts to the completion may change the settings.
        if (Acknowledge && AcknowledgeWith is { } acknowledge)
        {
            var acked = CorruptNextAck ? new string('0', 64) : sha256;
            CorruptNextAck = false;
            _ = acknowledge(clipId, acked);
        }
        _complete.Add((clipId, bytes));
    }
}
