using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Testing;

/// <summary>Whether an outbox row has been acknowledged by the broker (or dead-lettered), and when, as a test reads it
/// from the file (<see cref="OutboxFile"/>).</summary>
public sealed record OutboxRowState(long Seq, string? DeliveredAt)
{
    public bool Delivered => DeliveredAt is not null;

    public string? DeadAt { get; init; }

    public string? DeadReason { get; init; }

    public bool Dead => DeadAt is not null;

    public EventPriority Priority { get; init; }

    public string Type { get; init; } = "";
}
