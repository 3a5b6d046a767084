namespace Mailroom.Edge.Storage.Outbox;

/// <summary>Whether an outbox row has been acknowledged by the broker, and when.</summary>
public sealed record OutboxRowState(long Seq, string? DeliveredAt)
{
    public bool Delivered => DeliveredAt is not null;
}
