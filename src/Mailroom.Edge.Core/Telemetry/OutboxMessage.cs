namespace Mailroom.Edge.Core.Telemetry;

/// <summary>A pending outbox row: its sequence number, the topic and the exact bytes to publish.</summary>
public sealed record OutboxMessage(long Seq, string Topic, byte[] Payload);
