namespace Mailroom.Edge.Core.Events;

/// <summary>The identity an event gets when it is appended: a unique id (UUIDv7) and the device's next sequence number.</summary>
public readonly record struct EventEnvelope(Guid Id, long Seq);
