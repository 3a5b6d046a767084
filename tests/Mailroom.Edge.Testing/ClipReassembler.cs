using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Mqtt;
using Mailroom.Edge.Video.Delivery;

namespace Mailroom.Edge.Testing;

/// <summary>
/// The central server's side of clip delivery, small: subscribes to <c>{root}/clip/#</c>, collects the manifest and
/// chunks (in any order, duplicates tolerated), and when a clip is complete checks its size and SHA-256 and answers on
/// <c>…/ack</c>. Tests await <see cref="WaitForClipAsync"/> for the reassembled bytes.
/// </summary>
public sealed class ClipReassembler : IAsyncDisposable
{
    private readonly MosquittoTransport _transport;
    private readonly DeviceIdentity _device;
    private readonly Dictionary<string, (JsonDocument? Manifest, Dictionary<int, byte[]> Chunks)> _parts = new(StringComparer.Ordinal);
    private readonly SignalRecorder<(string ClipId, byte[] Bytes)> _complete = new();
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
            // A new manifest starts the clip over: the device restarts an interrupted upload from the beginning.
            parts.Manifest?.Dispose();
            parts = _parts[clipId] = (JsonDocument.Parse(payload), []);
        }
        else if (part.StartsWith("chunk/", StringComparison.Ordinal))
            parts.Chunks[int.Parse(part["chunk/".Length..], System.Globalization.CultureInfo.InvariantCulture)] = payload;
        else
            return;

        if (parts.Manifest is not { } manifest)
            return;
        var root = manifest.RootElement;
        var count = root.GetProperty("chunks").GetInt32();
        if (parts.Chunks.Count < count)
            return;
        var bytes = Enumerable.Range(0, count).SelectMany(i => parts.Chunks[i]).ToArray();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        parts.Chunks.Clear();
        if (bytes.Length != root.GetProperty("size").GetInt64() || sha256 != root.GetProperty("sha256").GetString())
            return;
        // Decide and answer before telling waiters: a test that reacts to the completion may change the settings.
        if (Acknowledge)
        {
            var acked = CorruptNextAck ? new string('0', 64) : sha256;
            CorruptNextAck = false;
            _transport.Publish(ClipTopics.Ack(_device, clipId), Encoding.UTF8.GetBytes($$"""{"sha256":"{{acked}}"}"""), qos: 1, retain: false);
        }
        _complete.Add((clipId, bytes));
    }
}
