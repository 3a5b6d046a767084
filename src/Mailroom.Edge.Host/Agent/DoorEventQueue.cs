using System.Threading.Channels;
using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Host.Agent;

/// <summary>
/// Where the door controllers' events wait for the outbox. Controllers emit synchronously under their lock (from
/// timers, input loops and reader decisions), so they cannot await a disk write; the queue keeps their order and is
/// unbounded because an alarm must never be dropped (the outbox itself bounds what it keeps).
/// </summary>
public sealed class DoorEventQueue
{
    private readonly Channel<DomainEvent> _channel = Channel.CreateUnbounded<DomainEvent>(new UnboundedChannelOptions { SingleReader = true });

    public void Emit(DomainEvent domainEvent) => _channel.Writer.TryWrite(domainEvent);

    public ChannelReader<DomainEvent> Reader => _channel.Reader;
}
