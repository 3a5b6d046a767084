using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading.Channels;

namespace Mailroom.Edge.Core.Events;

/// <summary>
/// The event sink the core writes to: appends durably first, then hands the event to in-process subscribers (clip
/// triggers, the demo's narration, tests). A subscriber that falls behind loses its oldest notifications, never the
/// durable event and never the caller's time. It also keeps the newest <see cref="IRetainedState"/> event of each
/// subtopic, so a consumer of current state (the retained-state mirror) cannot miss one dispatched before it subscribed.
/// </summary>
public sealed class EventDispatcher(IEventSink durable) : IEventSink
{
    private ImmutableArray<Channel<AppendedEvent>> _subscribers = [];
    private readonly ConcurrentDictionary<string, AppendedEvent> _latestStates = new(StringComparer.Ordinal);

    /// <summary>The newest event of each retained-state subtopic appended so far.</summary>
    public IReadOnlyList<AppendedEvent> LatestStates => [.. _latestStates.Values];

    public async ValueTask<EventEnvelope> AppendAsync(DomainEvent domainEvent, CancellationToken cancellationToken = default)
    {
        var envelope = await durable.AppendAsync(domainEvent, cancellationToken);
        var appended = new AppendedEvent(envelope, domainEvent);
        if (domainEvent is IRetainedState state)
            _latestStates.AddOrUpdate(state.RetainedSubtopic, appended, (_, known) => known.Envelope.Seq > envelope.Seq ? known : appended);
        foreach (var subscriber in _subscribers)
            subscriber.Writer.TryWrite(appended);
        return envelope;
    }

    /// <summary>Receives every event appended from now on.</summary>
    public ChannelReader<AppendedEvent> Subscribe(int capacity = 1024)
    {
        var channel = Channel.CreateBounded<AppendedEvent>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleWriter = false,
        });
        ImmutableInterlocked.Update(ref _subscribers, list => list.Add(channel));
        return channel.Reader;
    }
}
