namespace Mailroom.Edge.Core.Events;

/// <summary>An event after its durable append, with the identity it was given.</summary>
public sealed record AppendedEvent(EventEnvelope Envelope, DomainEvent Event);
