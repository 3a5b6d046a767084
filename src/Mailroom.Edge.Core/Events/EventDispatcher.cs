using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading.Channels;

namespace Mailroom.Edge.Core.Events;

/// <summary>
/// Hands each durable event to in-process subscribers (clip triggers, the retained-state mirror, the demo's narration,
/// tests). A subscriber that falls behind loses its oldest notifications, never the durable event and never the
/// emitter's time. It also keeps the newest <see cref="IRetainedState"/> event of each subtopic, so a consumer of current
/// state cannot miss one dispatched before it subscribed. The event port calls <see cref="Publish"/> once an event has
/// committed.
/// </summary>
public sealed class EventDispatcher
{
    private ImmutableArray<Channel<AppendedEvent>> _subscribers = [];
    private readonly ConcurrentDictionary<string, AppendedEvent> _latestStates = new(StringComparer.Ordinal);

    /// <summary>The newest event of each retained-state subtopic published so far.</summary>
    public IReadOnlyList<AppendedEvent> LatestStates => [.. _latestStates.Values];

    public void Publish(AppendedEvent appended)
    {
        if (appended.Event is IRetainedState state)
            _latestStates.AddOrUpdate(state.RetainedSubtopic, appended, (_, known) => known.Envelope.Seq > appended.Envelope.Seq ? known : appended);
        foreach (var subscriber in _subscribers)
            subscriber.Writer.TryWrite(appended);
    }

    /// <summary>Receives every event published from now on.</summary>
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
