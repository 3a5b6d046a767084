using System.Collections.Concurrent;
using System.Threading.Channels;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Host.Services;

/// <summary>
/// Mirrors the latest <see cref="IRetainedState"/> event of each subtopic (e.g. <c>door/front/state</c>) as a retained
/// QoS 1 message on <c>{root}/{subtopic}</c>. The outbox still delivers the event itself, exactly once in order; this is
/// only "the current value" for dashboards that connect later, so it keeps just the newest value per topic and retries
/// it every few seconds until the transport accepts it (a broker keeps a retained message across our reconnects).
/// </summary>
public sealed class RetainedStatePublisher(
    EventDispatcher dispatcher, IMqttTransport transport, DeviceIdentity device, ILogger<RetainedStatePublisher> logger) : BackgroundService
{
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, byte[]> _unsent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _newestSeq = new(StringComparer.Ordinal);

    // Subscribed when built, and seeded from the dispatcher's newest states when started: a door's initial state can be
    // dispatched before this service is even built (its outbox commit races the host's start), and must not be missed.
    private readonly ChannelReader<AppendedEvent> _events = dispatcher.Subscribe();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var events = _events;
        foreach (var latest in dispatcher.LatestStates)
            Remember(latest);
        Flush();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                using var retry = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                retry.CancelAfter(RetryInterval);
                try
                {
                    while (await events.WaitToReadAsync(retry.Token))
                    {
                        while (events.TryRead(out var appended))
                            Remember(appended);
                        Flush();
                    }
                    return;
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    Flush();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Keeps <paramref name="appended"/> as its topic's value to publish unless a newer one is known (the
    /// seed and the subscription overlap).</summary>
    private void Remember(AppendedEvent appended)
    {
        if (appended.Event is not IRetainedState state)
            return;
        var topic = $"{device.TopicRoot}/{state.RetainedSubtopic}";
        if (_newestSeq.TryGetValue(topic, out var newest) && newest >= appended.Envelope.Seq)
            return;
        _newestSeq[topic] = appended.Envelope.Seq;
        _unsent[topic] = EventSerializer.Serialize(appended.Event, appended.Envelope, device);
    }

    private void Flush()
    {
        foreach (var (topic, payload) in _unsent)
        {
            try
            {
                transport.Publish(topic, payload, 1, retain: true);
                _unsent.TryRemove(new KeyValuePair<string, byte[]>(topic, payload));
            }
            catch (MqttTransportException e)
            {
                logger.LogDebug("Retained state {Topic} not published yet ({Problem}); retrying", topic, e.Message);
                return;
            }
        }
    }
}
