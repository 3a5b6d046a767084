using System.Threading.Channels;
using Mailroom.Edge.Core.Telemetry;

namespace Mailroom.Edge.Core.Tests.Telemetry;

/// <summary>An in-memory transport: records publishes, lets the test post signals.</summary>
internal sealed class FakeTransport : IMqttTransport
{
    private readonly Channel<MqttSignal> _signals = Channel.CreateUnbounded<MqttSignal>();
    private readonly Lock _gate = new();
    private readonly List<(int Id, string Topic, byte[] Payload)> _published = [];
    private int _nextId;

    public ChannelReader<MqttSignal> Signals => _signals.Reader;

    public bool Connected { get; set; }

    /// <summary>Raised after every publish, on the publishing thread.</summary>
    public event Action? PublishedOne;

    public IReadOnlyList<(int Id, string Topic, byte[] Payload)> Published
    {
        get
        {
            lock (_gate)
                return [.. _published];
        }
    }

    public void Post(MqttSignal signal)
    {
        Connected = signal is MqttConnected || (Connected && signal is not MqttDisconnected);
        _signals.Writer.TryWrite(signal);
    }

    public void Start()
    {
    }

    public int Publish(string topic, ReadOnlySpan<byte> payload, int qos, bool retain)
    {
        if (!Connected)
            throw new MqttTransportException("not connected", 4) { NotConnected = true };
        int id;
        lock (_gate)
        {
            id = ++_nextId;
            _published.Add((id, topic, payload.ToArray()));
        }
        PublishedOne?.Invoke();
        return id;
    }

    public int SubscriptionCount { get; set; }

    public void Subscribe(string topicFilter, int qos, MqttSubscriptionOptions options = MqttSubscriptionOptions.None)
    {
    }

    public Task StopAsync() => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
