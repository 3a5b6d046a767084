namespace Mailroom.Edge.Core.Telemetry;

/// <summary>A row published and not yet acknowledged: the message (to publish it again if need be) and the connection
/// it was published on (the count of CONNACKs at the time). A <see cref="Replay"/> is a copy of a row already
/// delivered, sent again on request: its acknowledgement changes nothing in the outbox.</summary>
internal sealed record InflightMessage(OutboxMessage Message, int Connection, bool Replay = false);
