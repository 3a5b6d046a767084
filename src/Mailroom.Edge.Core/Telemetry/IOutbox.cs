namespace Mailroom.Edge.Core.Telemetry;

/// <summary>The publisher's view of the outbox: pending rows in <c>seq</c> order, and marking one delivered.</summary>
public interface IOutbox
{
    /// <summary>Up to <paramref name="max"/> undelivered rows with <c>seq</c> greater than <paramref name="afterSeq"/>, ascending.</summary>
    IReadOnlyList<OutboxMessage> ReadPending(long afterSeq, int max);

    /// <summary>Marks a row delivered: called only once the broker acknowledged it.</summary>
    void MarkDelivered(long seq);

    /// <summary>Completes when a row was appended since the last call (a doorbell, not a queue).</summary>
    ValueTask WaitForAppendAsync(CancellationToken cancellationToken);
}
