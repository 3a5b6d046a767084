using System.Text.Json;
using System.Threading.Channels;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Ctl.Settings;
using Mailroom.Edge.Mqtt;

namespace Mailroom.Edge.Ctl.Mqtt;

/// <summary>
/// mailroomctl's broker connection: a <see cref="MosquittoTransport"/> (MQTT 5, clean start), ready once every
/// subscription is acknowledged, so nothing published afterwards can be answered before we listen. Publishes are
/// QoS 1; <see cref="PublishBoundedAsync"/> keeps at most <see cref="Window"/> of them unacknowledged, so a
/// credential list of 150 MB goes out at the broker's pace instead of piling up in libmosquitto's queue.
/// </summary>
internal sealed class CtlConnection : IAsyncDisposable
{
    private readonly MosquittoTransport _transport;
    private readonly Channel<MqttMessageReceived> _messages = Channel.CreateUnbounded<MqttMessageReceived>();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _pump;
    private readonly SemaphoreSlim _window = new(Window, Window);
    private readonly Lock _acks = new();
    private readonly Dictionary<int, bool> _unacknowledged = [];
    private readonly HashSet<int> _acknowledgedEarly = [];
    private int _refusedPublishes;
    private int _awaitedSubscriptions;
    private string _lastProblem = "no answer from the broker";

    private CtlConnection(MosquittoTransport transport, int subscriptions)
    {
        _transport = transport;
        _awaitedSubscriptions = subscriptions;
        _pump = PumpAsync();
    }

    /// <summary>How many bounded publishes may wait for their PUBACK at a time.</summary>
    public const int Window = 16;

    public ChannelReader<MqttMessageReceived> Messages => _messages.Reader;

    /// <summary>Publishes the broker refused (a PUBACK reason code of 0x80 or more: the ACL, say).</summary>
    public int RefusedPublishes => Volatile.Read(ref _refusedPublishes);

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

    public int Publish(string topic, byte[] payload) => Track(_transport.Publish(topic, payload, qos: 1, retain: false), holdsWindow: false);

    /// <summary>Publishes once fewer than <see cref="Window"/> bounded publishes wait for their PUBACK.</summary>
    public async Task PublishBoundedAsync(string topic, byte[] payload, CancellationToken cancellationToken)
    {
        await _window.WaitAsync(cancellationToken);
        try
        {
            Track(_transport.Publish(topic, payload, qos: 1, retain: false), holdsWindow: true);
        }
        catch
        {
            _window.Release();
            throw;
        }
    }

    /// <summary>Waits until the broker has acknowledged every bounded publish.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < Window; i++)
            await _window.WaitAsync(cancellationToken);
        _window.Release(Window);
    }

    /// <summary>
    /// The next message that is a JSON object <paramref name="match"/> accepts (given its topic), or null when none comes within <paramref name="timeout"/>; other messages are
    /// dropped. Cancelled by <paramref name="cancellationToken"/> (Ctrl-C).
    /// </summary>
    public async Task<JsonElement?> WaitForAsync(Func<string, JsonElement, bool> match, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await foreach (var message in _messages.Reader.ReadAllAsync(deadline.Token))
            {
                if (TryParseObject(message.Payload) is { } json && match(message.Topic, json))
                    return json;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Timed out: no answer.
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _transport.DisposeAsync();
        await _pump;
        _window.Dispose();
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
                case MqttPublishAcknowledged ack:
                    Acknowledged(ack);
                    break;
                case MqttMessageReceived message:
                    _messages.Writer.TryWrite(message);
                    break;
            }
        }
        _messages.Writer.TryComplete();
    }

    // A PUBACK can arrive before Publish has returned its id to us; either side that comes second settles the window.
    private int Track(int messageId, bool holdsWindow)
    {
        lock (_acks)
        {
            if (!_acknowledgedEarly.Remove(messageId))
                _unacknowledged[messageId] = holdsWindow;
            else if (holdsWindow)
                _window.Release();
        }
        return messageId;
    }

    private void Acknowledged(MqttPublishAcknowledged ack)
    {
        if (!ack.Succeeded)
            Interlocked.Increment(ref _refusedPublishes);
        lock (_acks)
        {
            if (!_unacknowledged.Remove(ack.MessageId, out var holdsWindow))
                _acknowledgedEarly.Add(ack.MessageId);
            else if (holdsWindow)
                _window.Release();
        }
    }

    private static JsonElement? TryParseObject(byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
