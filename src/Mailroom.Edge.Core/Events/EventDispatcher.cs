using System.Collections.Immutable;
using System.Threading.Channels;

namespace Mailroom.Edge.Core.Events;

/// <summary>
/// The event sink the core writes to: appends durably first, then hands the event to in-process subscribers (clip
/// triggers, the demo's narration, tests). A subscriber that falls behind loses its oldest notifications, never the
/// durable event and never the caller's time.
/// </summary>
public sealed class EventDispatcher(IEventSink durable) : IEventSink
{
    private ImmutableArray<Channel<AppendedEvent>> _subscribers = [];

    public async ValueTask<EventEnvelope> AppendAsync(DomainEvent domainEvent, CancellationToken cancellationToken = default)
    {
        var envelope = await durable.AppendAsync(domainEvent, cancellationToken);
        var appended = new AppendedEvent(envelope, domainEvent);
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
