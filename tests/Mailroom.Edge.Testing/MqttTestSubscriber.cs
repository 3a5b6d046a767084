using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Mqtt;

namespace Mailroom.Edge.Testing;

/// <summary>
/// A test-side MQTT client (a <see cref="MosquittoTransport"/>) subscribed to one filter. It records every message, and
/// <see cref="WaitForAsync"/> completes as soon as one matching message has arrived, before or after the call.
/// </summary>
public sealed class MqttTestSubscriber : IAsyncDisposable
{
    private readonly MosquittoTransport _transport;
    private readonly SignalRecorder<MqttMessageReceived> _messages = new();
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _pump;

    private MqttTestSubscriber(MosquittoTransport transport)
    {
        _transport = transport;
        _pump = PumpAsync();
    }

    /// <summary>The transport, e.g. to publish a marker message on the same connection.</summary>
    public IMqttTransport Transport => _transport;

    public IReadOnlyList<MqttMessageReceived> Messages => _messages.Snapshot();

    /// <summary>Connects (over TLS when <paramref name="tls"/> is given), subscribes and returns once the broker has
    /// acknowledged the subscription.</summary>
    public static async Task<MqttTestSubscriber> StartAsync(string host, int port, string topicFilter, TimeSpan timeout, MqttTlsSettings? tls = null)
    {
        var transport = new MosquittoTransport(new MqttConnectionSettings
        {
            Host = host,
            Port = port,
            ClientId = $"test-sub-{Guid.NewGuid():N}",
            Tls = tls,
        });
        var subscriber = new MqttTestSubscriber(transport);
        transport.Subscribe(topicFilter, qos: 1);
        transport.Start();
        try
        {
            await subscriber._subscribed.Task.WaitAsync(timeout);
            return subscriber;
        }
        catch
        {
            await subscriber.DisposeAsync();
            throw;
        }
    }

    public Task<MqttMessageReceived> WaitForAsync(Func<MqttMessageReceived, bool> predicate, TimeSpan timeout) =>
        _messages.WaitForAsync(predicate, timeout);

    public async ValueTask DisposeAsync()
    {
        await _transport.DisposeAsync();
        await _pump;
    }

    private async Task PumpAsync()
    {
        await foreach (var signal in _transport.Signals.ReadAllAsync())
        {
            switch (signal)
            {
                case MqttSubscribed:
                    _subscribed.TrySetResult();
                    break;
                case MqttMessageReceived message:
                    _messages.Add(message);
                    break;
            }
        }
    }
}
