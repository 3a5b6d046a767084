using System.Threading.Channels;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Ctl.Settings;
using Mailroom.Edge.Mqtt;

namespace Mailroom.Edge.Ctl.Mqtt;

/// <summary>
/// mailroomctl's broker connection: a <see cref="MosquittoTransport"/> (MQTT 5, clean start), ready once every
/// subscription is acknowledged, so nothing published afterwards can be answered before we listen.
/// </summary>
internal sealed class CtlConnection : IAsyncDisposable
{
    private readonly MosquittoTransport _transport;
    private readonly Channel<MqttMessageReceived> _messages = Channel.CreateUnbounded<MqttMessageReceived>();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _pump;
    private int _awaitedSubscriptions;
    private string _lastProblem = "no answer from the broker";

    private CtlConnection(MosquittoTransport transport, int subscriptions)
    {
        _transport = transport;
        _awaitedSubscriptions = subscriptions;
        _pump = PumpAsync();
    }

    public ChannelReader<MqttMessageReceived> Messages => _messages.Reader;

    public static async Task<CtlConnection> OpenAsync(CtlSettings settings, IReadOnlyList<string> filters, TimeSpan timeout)
    {
        var (host, port) = CtlOptions.BrokerAddress(settings);
        var transport = new MosquittoTransport(new MqttConnectionSettings
        {
            Host = host,
            Port = port,
            ClientId = $"mailroomctl-{Guid.NewGuid():N}",
            Tls = settings.Tls.ToTransport(),
            ReconnectDelayMin = TimeSpan.FromMilliseconds(500),
            ReconnectDelayMax = TimeSpan.FromSeconds(2),
        });
        var connection = new CtlConnection(transport, filters.Count);
        foreach (var filter in filters)
            transport.Subscribe(filter, qos: 1);
        transport.Start();
        try
        {
            if (filters.Count == 0)
                connection._ready.TrySetResult();
            await connection._ready.Task.WaitAsync(timeout);
            return connection;
        }
        catch (TimeoutException)
        {
            var problem = connection._lastProblem;
            await connection.DisposeAsync();
            throw new CtlUsageException($"broker {host}:{port}: {problem}");
        }
    }

    public int Publish(string topic, byte[] payload) => _transport.Publish(topic, payload, qos: 1, retain: false);

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
                case MqttDisconnected d:
                    _lastProblem = d.Reason;
                    break;
                case MqttSubscribed s when s.GrantedQos.Any(q => q >= 0x80):
                    _lastProblem = "the broker refused a subscription (ACL?)";
                    break;
                case MqttSubscribed when Interlocked.Decrement(ref _awaitedSubscriptions) == 0:
                    _ready.TrySetResult();
                    break;
                case MqttMessageReceived message:
                    _messages.Writer.TryWrite(message);
                    break;
            }
        }
        _messages.Writer.TryComplete();
    }
}
