using System.Threading.Channels;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Storage.Credentials;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Host.Agent;

/// <summary>
/// Receives the central server's credential sync messages on <c>{root}/sync/credentials</c> and applies them with
/// <see cref="CredentialSync"/>, appending each result as an event; watches the list's age and raises
/// <c>credentials.stale</c> once when it passes <c>Credentials:MaxAge</c>. Runs on a thread of its own: a snapshot's
/// SQLite work takes seconds and must not occupy the thread pool the door loops run on.
/// </summary>
public sealed class CredentialSyncService : BackgroundService
{
    /// <summary>How often the list's age is checked when no message arrives.</summary>
    internal static readonly TimeSpan AgeCheckInterval = TimeSpan.FromSeconds(30);

    private readonly ChannelReader<MqttMessageReceived> _messages;
    private readonly CredentialSync _sync;
    private readonly CredentialFreshness _freshness;
    private readonly IEventSink _events;
    private readonly TimeProvider _time;
    private readonly ILogger<CredentialSyncService> _logger;
    private bool _staleReported;

    public CredentialSyncService(
        IIncomingMessages incoming,
        DeviceIdentity device,
        SqliteCredentialStore store,
        CredentialFreshness freshness,
        IEventSink events,
        TimeProvider time,
        ILogger<CredentialSyncService> logger)
    {
        // Unbounded: losing a chunk would cost a whole new snapshot; the server sends at most one snapshot at a time.
        _messages = incoming.Register(Topic(device), qos: 1, capacity: null);
        _sync = new CredentialSync(store, time);
        _freshness = freshness;
        _events = events;
        _time = time;
        _logger = logger;
    }

    public static string Topic(DeviceIdentity device) => $"{device.TopicRoot}/sync/credentials";

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _logger.LogInformation("Live {Credentials}", CredentialListText.Describe(_freshness));
        return base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (_messages.TryRead(out var message))
                    Apply(message, stoppingToken);
                else if (!WaitForMessage(stoppingToken))
                    return;
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

    private bool WaitForMessage(CancellationToken stoppingToken)
    {
        using var timeout = new CancellationTokenSource(AgeCheckInterval, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        try
        {
            return _messages.WaitToReadAsync(linked.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return true;
        }
    }

    private void Apply(MqttMessageReceived message, CancellationToken stoppingToken)
    {
        foreach (var domainEvent in _sync.Handle(message.Payload))
        {
            if (domainEvent is CredentialSyncResultEvent { Applied: true } applied)
            {
                _staleReported = false;
                if (applied.Kind == "snapshot")
                    ReturnSnapshotMemory();
                _logger.LogInformation("Credential {Kind} applied: version {Version}, {Count} credential(s), hash {Hash}", applied.Kind, applied.Version, applied.Count, applied.Hash);
            }
            else if (domainEvent is CredentialSyncResultEvent rejected)
            {
                _logger.LogWarning("Credential {Kind} version {Version} rejected: {Reason}; the live list stays version {Active}", rejected.Kind, rejected.Version, rejected.Reason, rejected.ActiveVersion);
            }
            _events.AppendAsync(domainEvent, stoppingToken).AsTask().GetAwaiter().GetResult();
        }
    }

    // A snapshot passes ~150 MB of JSON through the managed heap; the GC keeps that memory committed until it needs it
    // again. Once per snapshot, a full compacting collection in aggressive mode hands it back to the OS, so the
    // agent's resident memory does not stay at the snapshot's peak. The live heap is small by then, so it is short.
    private static void ReturnSnapshotMemory() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    private void CheckAge(CancellationToken stoppingToken)
    {
        if (!_freshness.IsStale)
        {
            _staleReported = false;
            return;
        }
        if (_staleReported || _freshness.MaxAge is not { } maxAge)
            return;
        _staleReported = true;
        _logger.LogWarning("The {Credentials}", CredentialListText.Describe(_freshness));
        _events.AppendAsync(new CredentialListStaleEvent(_time.GetUtcNow(), _freshness.List, maxAge, _freshness.Policy), stoppingToken).AsTask().GetAwaiter().GetResult();
    }

    public override void Dispose()
    {
        _sync.Dispose();
        base.Dispose();
    }
}
