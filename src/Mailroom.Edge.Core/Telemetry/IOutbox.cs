namespace Mailroom.Edge.Core.Telemetry;

/// <summary>The publisher's view of the outbox: pending rows in <c>seq</c> order, marking one delivered or dead, and a
/// status snapshot for health.</summary>
public interface IOutbox
{
    /// <summary>Up to <paramref name="max"/> undelivered rows with <c>seq</c> greater than <paramref name="afterSeq"/>, ascending.</summary>
    IReadOnlyList<OutboxMessage> ReadPending(long afterSeq, int max);

    /// <summary>Marks a row delivered: called only once the broker acknowledged it. Not durable at once: a mark lost in a
    /// power cut only makes the row be sent again (a duplicate, never a loss).</summary>
    void MarkDelivered(long seq);

    /// <summary>Marks a row dead: the broker refused it for good, so it is not sent again (it stays for the replay window).</summary>
    void MarkDeadLettered(long seq, string reason);

    /// <summary>Completes when a row was appended since the last call (a doorbell, not a queue).</summary>
    ValueTask WaitForAppendAsync(CancellationToken cancellationToken);

    /// <summary>Depth, oldest pending age, size and storage condition.</summary>
    OutboxStatus Status();
}
