using System.Threading.Channels;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Health;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Storage.SyncProtocol;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Host.Services;

/// <summary>
/// Receives the central server's credential sync messages on <c>{root}/sync/credentials</c> and applies them with
/// <see cref="CredentialSync"/>, appending each result as an event; abandons a snapshot whose chunks stop coming
/// (<c>Credentials:SnapshotTimeout</c>); watches the list's age and raises <c>credentials.stale</c> once when it passes
/// <c>Credentials:MaxAge</c>.
/// <para>
/// Received messages go at once into a <see cref="CredentialSyncSpool"/> (memory up to
/// <c>Credentials:SyncMemoryBytes</c>, then a file), because the broker sends a snapshot faster than SQLite takes it
/// and libmosquitto has already acknowledged every message: what the agent holds in RAM must not grow with the list.
/// The SQLite work runs on a <see cref="LowPriorityWorker"/>, so door decisions get the CPU first.
/// </para>
/// </summary>
public sealed class CredentialSyncService : BackgroundService
{
    /// <summary>How often the list's age is checked when no message arrives.</summary>
    internal static readonly TimeSpan AgeCheckInterval = TimeSpan.FromSeconds(30);

    /// <summary>The longest one message may take (the last chunk hashes and switches in 2,000,000 credentials) before
    /// the watchdog counts the loop as stuck.</summary>
    internal static readonly TimeSpan BusyLimit = TimeSpan.FromMinutes(2);

    public const string SpoolFile = "credentials.sync-spool";

    private readonly ChannelReader<MqttMessageReceived> _messages;
    private readonly CredentialSyncSpool _spool;
    private readonly CredentialSync _sync;
    private readonly SqliteCredentialStore _store;
    private readonly LowPriorityWorker _worker = new("credential-sync");
    private readonly CredentialFreshness _freshness;
    private readonly IEventPort _events;
    private readonly TimeProvider _time;
    private readonly LoopHeartbeat _heartbeat;
    private readonly ILogger<CredentialSyncService> _logger;
    private readonly CancellationTokenSource _pumpStop = new();
    private Task _pump = Task.CompletedTask;
    private bool _staleReported;

    public CredentialSyncService(
        IIncomingMessages incoming,
        DeviceIdentity device,
        SqliteCredentialStore store,
        CredentialFreshness freshness,
        IEventPort events,
        EdgeOptions options,
        CredentialSyncAuthorisations authorisations,
        LoopHeartbeats heartbeats,
        TimeProvider time,
        ILogger<CredentialSyncService> logger)
    {
        // Unbounded, but drained into the spool as fast as messages arrive: losing a chunk costs a whole new snapshot.
        _messages = incoming.Register(Topic(device), qos: 1, capacity: null);
        _spool = new CredentialSyncSpool(Path.Combine(options.DataDirectory, SpoolFile), options.Credentials.SyncMemoryBytes);
        var authority = options.Credentials.EffectiveRequireSignedSync(options.Commands) ? authorisations : null;
        _sync = new CredentialSync(store, time, authority, options.Credentials.SnapshotTimeout);
        _store = store;
        _freshness = freshness;
        _events = events;
        _time = time;
        _heartbeat = heartbeats.Register("credential sync", BusyLimit);
        _logger = logger;
    }

    public static string Topic(DeviceIdentity device) => $"{device.TopicRoot}/sync/credentials";

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _logger.LogInformation("Live {Credentials}", CredentialListText.Describe(_freshness));
        _pump = Task.Run(() => PumpAsync(_pumpStop.Token), CancellationToken.None);
        _heartbeat.MarkReady();
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await _pumpStop.CancelAsync();
        await _pump;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private async Task PumpAsync(CancellationToken stop)
    {
        try
        {
            await foreach (var message in _messages.ReadAllAsync(stop))
            {
                try
                {
                    _spool.Enqueue(message.Payload);
                }
                catch (IOException e)
                {
                    // The numbered chunks and versions make the loss visible: the sync is refused and a snapshot asked for.
                    _logger.LogError(e, "A credential sync message ({Bytes} bytes) could not be spooled and is lost", message.Payload.Length);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private void Run(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (Next(stoppingToken) is { } payload)
                    {
                        using var busy = _heartbeat.Busy();
                        Report(_worker.Run(() => _sync.Handle(payload)), stoppingToken);
                    }
                    if (_sync.UntilStalled == TimeSpan.Zero)
                        Report(_worker.Run(_sync.AbandonIfStalled), stoppingToken);
                    CheckAge(stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    _logger.LogError(e, "Credential sync failed on one message; the live list is unchanged and sync goes on");
                }
            }
        }
        finally
        {
            _heartbeat.MarkEnded();
        }
    }

    /// <summary>The next message, or null when it is time to check the list's age or a stalled snapshot.</summary>
    private ReadOnlyMemory<byte>? Next(CancellationToken stoppingToken)
    {
        if (_spool.TryDequeue() is { } ready)
            return ready;
        var wait = _sync.UntilStalled is { } stall && stall < AgeCheckInterval ? stall : AgeCheckInterval;
        using var timeout = new CancellationTokenSource(wait, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        try
        {
            return _spool.DequeueAsync(linked.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private void Report(IReadOnlyList<DomainEvent> events, CancellationToken stoppingToken)
    {
        foreach (var domainEvent in events)
        {
            if (domainEvent is CredentialSyncResultEvent { Applied: true } applied)
            {
                _staleReported = false;
                var heap = GC.GetGCMemoryInfo();
                _logger.LogInformation("Credential {Kind} applied: version {Version}, {Count} credential(s), hash {Hash}; managed heap {HeapMb:0.0} MB, committed {CommittedMb:0.0} MB",
                    applied.Kind, applied.Version, applied.Count, applied.Hash, heap.HeapSizeBytes / 1e6, heap.TotalCommittedBytes / 1e6);
            }
            else if (domainEvent is CredentialSyncResultEvent rejected)
            {
                _logger.LogWarning("Credential {Kind} version {Version} rejected: {Reason}; the live list stays version {Active}", rejected.Kind, rejected.Version, rejected.Reason, rejected.ActiveVersion);
            }
            _events.Emit(domainEvent).WaitAsync(stoppingToken).GetAwaiter().GetResult();
        }
    }

    private void CheckAge(CancellationToken stoppingToken)
    {
        // An import by the installer's CLI (another process) changes the file, not this process's view of it.
        _store.RefreshStatus();
        if (!_freshness.IsStale)
        {
            _staleReported = false;
            return;
        }
        if (_staleReported || _freshness.MaxAge is not { } maxAge)
            return;
        _staleReported = true;
        _logger.LogWarning("The {Credentials}", CredentialListText.Describe(_freshness));
        _events.Emit(new CredentialListStaleEvent(_time.GetUtcNow(), _freshness.List, maxAge, _freshness.Policy)).WaitAsync(stoppingToken).GetAwaiter().GetResult();
    }

    public override void Dispose()
    {
        _worker.Dispose();
        _sync.Dispose();
        _spool.Dispose();
        _pumpStop.Dispose();
        base.Dispose();
    }
}
