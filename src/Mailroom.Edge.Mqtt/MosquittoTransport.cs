using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Mqtt.Interop;

namespace Mailroom.Edge.Mqtt;

/// <summary>
/// <see cref="IMqttTransport"/> over libmosquitto 2.x: one client object for the process lifetime, its own network thread
/// (<c>mosquitto_loop_start</c>) which also reconnects with exponential backoff, MQTT 5 by default, clean start, QoS 1.
/// Callbacks on the network thread only post to an unbounded channel, so a slow consumer never stalls the network.
/// Subscriptions are remembered and renewed on every CONNACK, because a clean start forgets them on the broker.
/// </summary>
public sealed class MosquittoTransport : IMqttTransport
{
    private readonly MqttConnectionSettings _settings;
    private readonly Channel<MqttSignal> _signals =
        Channel.CreateUnbounded<MqttSignal>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
    private readonly ConcurrentDictionary<string, int> _subscriptions = new(StringComparer.Ordinal);
    private readonly MosquittoHandle _mosq;
    private readonly Lock _lifecycle = new();
    private GCHandle _self;
    private readonly CancellationTokenSource _stopping = new();
    private bool _started;
    private bool _loopRunning;
    private bool _connected;
    private Task? _stopped;
    private bool _disposed;

    public MosquittoTransport(MqttConnectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Validate(settings);
        MosquittoLibrary.EnsureInitialised();
        _settings = settings;
        _self = GCHandle.Alloc(this, GCHandleType.Weak);
        _mosq = LibMosquitto.New(settings.ClientId, cleanSession: true, GCHandle.ToIntPtr(_self));
        if (_mosq.IsInvalid)
        {
            _self.Free();
            throw new MqttTransportException("mosquitto_new failed: out of memory or invalid client id.");
        }

        try
        {
            Configure();
        }
        catch
        {
            _mosq.Dispose();
            _self.Free();
            throw;
        }
    }

    public ChannelReader<MqttSignal> Signals => _signals.Reader;

    public void Start()
    {
        lock (_lifecycle)
        {
            ObjectDisposedException.ThrowIf(_disposed || _stopped is not null, this);
            if (_started)
            {
                return;
            }

            _started = true;
            ConnectOrScheduleRetry(_settings.ReconnectDelayMin);
        }
    }

    /// <remarks>
    /// libmosquitto 2.0.11 queues a QoS 1 message even when it answers MOSQ_ERR_NO_CONN, and sends it after the next
    /// CONNACK. A refusal that still delivers would make the caller publish twice and receive a PUBACK for an id it never
    /// saw, so this transport refuses while it knows it is disconnected without calling the library (nothing queued), and
    /// in the race where the library notices the loss first it returns the id of the queued message instead of throwing.
    /// </remarks>
    public int Publish(string topic, ReadOnlySpan<byte> payload, int qos, bool retain)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        if (!Volatile.Read(ref _connected))
        {
            throw new MqttTransportException($"publish to '{topic}' refused: not connected to the broker", LibMosquitto.ErrNoConn)
            {
                NotConnected = true,
            };
        }

        int rc;
        int mid;
        unsafe
        {
            fixed (byte* bytes = payload)
            {
                rc = LibMosquitto.PublishV5(_mosq, out mid, topic, payload.Length, bytes, qos, retain, 0);
            }
        }

        if (rc == LibMosquitto.ErrNoConn && qos > 0)
        {
            return mid;
        }

        MosquittoErrors.ThrowIfFailed(rc, $"publish to '{topic}'");
        return mid;
    }

    public void Subscribe(string topicFilter, int qos)
    {
        ArgumentException.ThrowIfNullOrEmpty(topicFilter);
        _subscriptions[topicFilter] = qos;
        var rc = LibMosquitto.Subscribe(_mosq, out _, topicFilter, qos);
        // Not connected yet: the subscription is sent on the next CONNACK.
        if (rc != LibMosquitto.ErrNoConn)
        {
            MosquittoErrors.ThrowIfFailed(rc, $"subscribe to '{topicFilter}'");
        }
    }

    public Task StopAsync()
    {
        lock (_lifecycle)
        {
            if (_stopped is null && !_disposed)
            {
                _stopped = DisconnectAndJoin();
            }

            return _stopped ?? Task.CompletedTask;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        lock (_lifecycle)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _mosq.Dispose();
        _self.Free();
        _stopping.Dispose();
        _signals.Writer.TryComplete();
    }

    // libmosquitto 2.0.11 gives up for good when mosquitto_connect_async fails synchronously (refused on loopback,
    // no route, DNS failure): the loop thread started afterwards never retries (BrokerDownAtStart test). Its own
    // reconnect only covers connections lost or failed after the socket was created. So the first connection is
    // retried here with the same exponential backoff, and the network thread starts only once a socket exists.
    private void ConnectOrScheduleRetry(TimeSpan delay)
    {
        var rc = LibMosquitto.ConnectAsync(_mosq, _settings.Host, _settings.Port, (int)_settings.KeepAlive.TotalSeconds);
        var errno = Marshal.GetLastPInvokeError();
        if (rc == LibMosquitto.ErrSuccess)
        {
            MosquittoErrors.ThrowIfFailed(LibMosquitto.LoopStart(_mosq), "mosquitto_loop_start");
            _loopRunning = true;
            return;
        }

        Post(new MqttDisconnected(rc, MosquittoErrors.Describe(rc, errno)));
        var next = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _settings.ReconnectDelayMax.Ticks));
        _ = RetryAfterAsync(delay, next);
    }

    private async Task RetryAfterAsync(TimeSpan delay, TimeSpan next)
    {
        try
        {
            await Task.Delay(delay, _stopping.Token);
            lock (_lifecycle)
            {
                if (!_stopping.IsCancellationRequested)
                {
                    ConnectOrScheduleRetry(next);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting to retry.
        }
        catch (MqttTransportException e)
        {
            Post(new MqttDisconnected(e.ErrorCode, e.Message));
        }
    }

    private Task DisconnectAndJoin()
    {
        _stopping.Cancel();
        if (!_loopRunning)
        {
            return Task.CompletedTask;
        }

        // DISCONNECT first so the broker discards the will; loop_stop then joins the network thread once it has
        // written that packet and closed the socket. Joining blocks, so it runs off the caller's thread.
        _ = LibMosquitto.Disconnect(_mosq);
        return Task.Run(() => LibMosquitto.LoopStop(_mosq, force: false));
    }

    internal void HandleConnect(nint mosq, int reasonCode, int flags)
    {
        if (reasonCode != 0)
        {
            var reason = _settings.ProtocolVersion == 5
                ? LibMosquitto.Text(LibMosquitto.ReasonString(reasonCode))
                : LibMosquitto.Text(LibMosquitto.ConnackString(reasonCode));
            Post(new MqttDisconnected(reasonCode, $"connection refused: {reason}"));
            return;
        }

        Volatile.Write(ref _connected, true);
        Post(new MqttConnected(SessionPresent: (flags & 1) != 0));
        foreach (var (filter, qos) in _subscriptions)
        {
            _ = LibMosquitto.SubscribeRaw(mosq, out _, filter, qos);
        }
    }

    internal void HandleDisconnect(int reasonCode)
    {
        Volatile.Write(ref _connected, false);
        Post(new MqttDisconnected(reasonCode, reasonCode == 0 ? "disconnected by client" : MosquittoErrors.Describe(reasonCode)));
    }

    internal void HandlePublished(int mid, int reasonCode) => Post(new MqttPublishAcknowledged(mid, reasonCode));

    internal void HandleMessage(string topic, byte[] payload, bool retained, string? responseTopic = null, byte[]? correlationData = null) =>
        Post(new MqttMessageReceived(topic, payload, retained) { ResponseTopic = responseTopic, CorrelationData = correlationData });

    internal void HandleSubscribed(int mid, int[] grantedQos) => Post(new MqttSubscribed(mid, grantedQos));

    // Unbounded and never completed while the network thread runs, so TryWrite cannot fail and never blocks.
    private void Post(MqttSignal signal) => _signals.Writer.TryWrite(signal);

    private void Configure()
    {
        MosquittoErrors.ThrowIfFailed(
            LibMosquitto.IntOption(_mosq, LibMosquitto.OptProtocolVersion, _settings.ProtocolVersion), "set protocol version");
        if (_settings.Username is not null)
        {
            MosquittoErrors.ThrowIfFailed(LibMosquitto.UsernamePwSet(_mosq, _settings.Username, _settings.Password), "set username");
        }

        if (_settings.Will is { } will)
        {
            unsafe
            {
                fixed (byte* payload = will.Payload)
                {
                    MosquittoErrors.ThrowIfFailed(
                        LibMosquitto.WillSet(_mosq, will.Topic, will.Payload.Length, payload, will.Qos, will.Retain), "set will");
                }
            }
        }

        MosquittoErrors.ThrowIfFailed(
            LibMosquitto.ReconnectDelaySet(
                _mosq,
                (uint)Math.Max(1, _settings.ReconnectDelayMin.TotalSeconds),
                (uint)Math.Max(1, _settings.ReconnectDelayMax.TotalSeconds),
                exponentialBackoff: true),
            "set reconnect delay");
        MosquittoErrors.ThrowIfFailed(LibMosquitto.MaxInflightMessagesSet(_mosq, (uint)_settings.MaxInflight), "set max inflight");
        MosquittoCallbacks.Install(_mosq);
    }

    private static void Validate(MqttConnectionSettings settings)
    {
        if (settings.ProtocolVersion is not (4 or 5))
        {
            throw new ArgumentException($"MQTT protocol version {settings.ProtocolVersion} is not supported; use 5 or 4 (3.1.1).", nameof(settings));
        }

        // libmosquitto 2.0 rejects keepalives between 1 and 4 seconds with MOSQ_ERR_INVAL at connect time.
        var keepAlive = settings.KeepAlive.TotalSeconds;
        if (keepAlive is not 0 and (< 5 or > 65535))
        {
            throw new ArgumentException($"MQTT keepalive {settings.KeepAlive} must be 0 or 5..65535 seconds.", nameof(settings));
        }

        if (settings.MaxInflight < 0)
        {
            throw new ArgumentException("MaxInflight must not be negative (0 means unlimited).", nameof(settings));
        }
    }
}
