using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Mqtt.Interop;

namespace Mailroom.Edge.Mqtt;

/// <summary>
/// <see cref="IMqttTransport"/> over libmosquitto 2.x: one client object for the process lifetime and one network thread
/// of our own (<c>mosquitto_connect_bind_v5</c> + <c>mosquitto_loop</c>) which reconnects with exponential backoff and
/// jitter. MQTT 5 by default, persistent session (clean start off, session expiry sent in every CONNECT), optional TLS
/// (mutual, TLS ≥ 1.2, hostname verified), QoS 1. Callbacks on the network thread only post to an unbounded channel, so a
/// slow consumer never stalls the network. Subscriptions are remembered with their options and renewed on every CONNACK
/// (harmless with a persistent session, necessary when the broker lost it; a renewal also replaces the options a session
/// kept from an older subscription).
/// </summary>
/// <remarks>
/// Why not <c>mosquitto_loop_start</c>: its reconnects call <c>mosquitto_reconnect</c>, which sends CONNECT without
/// properties (so the MQTT 5 session expiry would silently become 0 after the first reconnect), has no jitter, and a
/// first connect that fails synchronously is never retried (BrokerDownAtStart test).
/// </remarks>
public sealed class MosquittoTransport : IMqttTransport
{
    private readonly MqttConnectionSettings _settings;
    private readonly Channel<MqttSignal> _signals =
        Channel.CreateUnbounded<MqttSignal>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
    private readonly ConcurrentDictionary<string, (int Qos, MqttSubscriptionOptions Options)> _subscriptions = new(StringComparer.Ordinal);
    private readonly MosquittoHandle _mosq;
    private readonly Lock _lifecycle = new();
    private GCHandle _self;
    private readonly CancellationTokenSource _stopping = new();
    private nint _connectProperties;
    private Thread? _network;
    private bool _started;
    private bool _connected;
    private bool _threadExited = true;
    private Task? _stopped;
    private bool _disposed;

    public MosquittoTransport(MqttConnectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Validate(settings);
        MosquittoLibrary.EnsureInitialised();
        _settings = settings;
        _self = GCHandle.Alloc(this, GCHandleType.Weak);
        _mosq = LibMosquitto.New(settings.ClientId, cleanSession: settings.CleanStart, GCHandle.ToIntPtr(_self));
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
            _threadExited = false;
            _network = new Thread(NetworkLoop) { IsBackground = true, Name = "mqtt-network" };
            _network.Start();
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

    public int SubscriptionCount => _subscriptions.Count;

    public void Subscribe(string topicFilter, int qos, MqttSubscriptionOptions options = MqttSubscriptionOptions.None)
    {
        ArgumentException.ThrowIfNullOrEmpty(topicFilter);
        _subscriptions[topicFilter] = (qos, options);
        var rc = LibMosquitto.SubscribeV5(_mosq, out _, topicFilter, qos, (int)options, 0);
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

        if (Volatile.Read(ref _threadExited))
        {
            _mosq.Dispose();
            _self.Free();
        }
        // else: the network thread is still blocked in a connect; freeing the client under it would crash the process,
        // so it is leaked (this happens only at process exit).

        if (_connectProperties != 0)
        {
            LibMosquitto.PropertyFreeAll(ref _connectProperties);
        }

        _stopping.Dispose();
        _signals.Writer.TryComplete();
    }

    private void NetworkLoop()
    {
        var delay = _settings.ReconnectDelayMin;
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                var rc = LibMosquitto.ConnectBindV5(
                    _mosq, _settings.Host, _settings.Port, (int)_settings.KeepAlive.TotalSeconds, null, _connectProperties);
                var errno = Marshal.GetLastPInvokeError();
                if (rc != LibMosquitto.ErrSuccess)
                {
                    Post(new MqttDisconnected(rc, MosquittoErrors.Describe(rc, errno)));
                }
                else
                {
                    var acknowledged = false;
                    while (rc == LibMosquitto.ErrSuccess)
                    {
                        rc = LibMosquitto.Loop(_mosq, 1000, 1);
                        acknowledged |= Volatile.Read(ref _connected);
                        // After StopAsync the loop runs only until the DISCONNECT is written (the socket then closes).
                        if (_stopping.IsCancellationRequested && !Volatile.Read(ref _connected))
                            break;
                    }
                    if (Volatile.Read(ref _connected))
                        HandleDisconnect(rc);
                    else if (!acknowledged && !_stopping.IsCancellationRequested)
                        // The socket opened but the session never came up (e.g. the TLS handshake failed inside the
                        // loop): a failed connection attempt, reported like one refused at connect time.
                        Post(new MqttDisconnected(rc, MosquittoErrors.Describe(rc, Marshal.GetLastPInvokeError())));
                    if (acknowledged)
                        delay = _settings.ReconnectDelayMin;
                }
                if (_stopping.IsCancellationRequested)
                    return;
                _stopping.Token.WaitHandle.WaitOne(Jittered(delay));
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _settings.ReconnectDelayMax.Ticks));
            }
        }
        finally
        {
            Volatile.Write(ref _threadExited, true);
        }
    }

    private TimeSpan Jittered(TimeSpan delay) =>
        TimeSpan.FromTicks((long)(delay.Ticks * (1 - _settings.ReconnectJitter * Random.Shared.NextDouble())));

    private Task DisconnectAndJoin()
    {
        _stopping.Cancel();
        if (_network is not { } network)
        {
            return Task.CompletedTask;
        }

        // DISCONNECT first so the broker discards the will; the network thread writes it, sees the socket close and
        // ends. Joining blocks, so it runs off the caller's thread; a connect stuck in the kernel is not waited for long.
        _ = LibMosquitto.Disconnect(_mosq);
        return Task.Run(() => network.Join(TimeSpan.FromSeconds(10)));
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
        foreach (var (filter, (qos, options)) in _subscriptions)
        {
            _ = LibMosquitto.SubscribeV5Raw(mosq, out _, filter, qos, (int)options, 0);
        }
    }

    internal void HandleDisconnect(int reasonCode)
    {
        Volatile.Write(ref _connected, false);
        Post(new MqttDisconnected(reasonCode, reasonCode == 0 ? "disconnected by client" : MosquittoErrors.Describe(reasonCode)));
    }

    internal void HandlePublished(int mid, int reasonCode) => Post(new MqttPublishAcknowledged(mid, reasonCode));

    /// <remarks>
    /// Runs inside libmosquitto's on_message callback, and libmosquitto sends the QoS 1 PUBACK when that callback returns:
    /// the gate runs here, not after the channel, so what it records is durable before the broker forgets the message.
    /// </remarks>
    internal void HandleMessage(string topic, byte[] payload, bool retained, string? responseTopic = null, byte[]? correlationData = null)
    {
        var message = new MqttMessageReceived(topic, payload, retained) { ResponseTopic = responseTopic, CorrelationData = correlationData };
        var admitted = _settings.AcknowledgementGate is { } gate ? gate.BeforeAcknowledge(message) : message;
        if (admitted is not null)
        {
            Post(admitted);
        }
    }

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

        if (_settings.Tls is { } tls)
        {
            ConfigureTls(tls);
        }

        if (_settings.ProtocolVersion == 5)
        {
            MosquittoErrors.ThrowIfFailed(
                LibMosquitto.PropertyAddInt32(
                    ref _connectProperties,
                    LibMosquitto.PropSessionExpiryInterval,
                    (uint)Math.Min(uint.MaxValue, _settings.SessionExpiry.TotalSeconds)),
                "set session expiry");
        }

        // Our own thread runs the loop; publishes from other threads then only wake it instead of writing the socket.
        MosquittoErrors.ThrowIfFailed(LibMosquitto.ThreadedSet(_mosq, true), "set threaded");
        MosquittoErrors.ThrowIfFailed(LibMosquitto.MaxInflightMessagesSet(_mosq, (uint)_settings.MaxInflight), "set max inflight");
        MosquittoCallbacks.Install(_mosq);
    }

    private void ConfigureTls(MqttTlsSettings tls)
    {
        // libmosquitto needs a CA file or folder; with only the OS store asked for, its folder is given.
        var caPath = tls.CaPath ?? (tls.CaFile is null ? "/etc/ssl/certs" : null);
        MosquittoErrors.ThrowIfFailed(LibMosquitto.TlsSet(_mosq, tls.CaFile, caPath, tls.CertFile, tls.KeyFile, 0), "configure TLS");
        if (tls.UseOsCertificates)
        {
            MosquittoErrors.ThrowIfFailed(LibMosquitto.IntOption(_mosq, LibMosquitto.OptTlsUseOsCerts, 1), "use the OS CA store");
        }

        // Verify the broker's certificate, TLS 1.2 at least (libmosquitto disables older versions for "tlsv1.2"), and
        // check the host name against it.
        MosquittoErrors.ThrowIfFailed(LibMosquitto.TlsOptsSet(_mosq, LibMosquitto.SslVerifyPeer, "tlsv1.2", null), "set TLS options");
        MosquittoErrors.ThrowIfFailed(LibMosquitto.TlsInsecureSet(_mosq, false), "enable TLS hostname verification");
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

        if (settings.ReconnectJitter is < 0 or > 1)
        {
            throw new ArgumentException("ReconnectJitter must be within 0..1.", nameof(settings));
        }

        if (settings.Tls is { } tls)
        {
            if ((tls.CertFile is null) != (tls.KeyFile is null))
            {
                throw new ArgumentException("TLS client certificate and key go together: set both or neither.", nameof(settings));
            }

            foreach (var file in new[] { tls.CaFile, tls.CertFile, tls.KeyFile })
            {
                if (file is not null && !File.Exists(file))
                {
                    throw new ArgumentException($"TLS file '{file}' does not exist.", nameof(settings));
                }
            }
        }

        if (settings.MaxInflight < 0)
        {
            throw new ArgumentException("MaxInflight must not be negative (0 means unlimited).", nameof(settings));
        }
    }
}
