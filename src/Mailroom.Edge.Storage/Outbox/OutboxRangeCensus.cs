namespace Mailroom.Edge.Storage.Outbox;

/// <summary>The rows kept for a span of <c>seq</c>: delivered, pending, dead-lettered, and the last <c>seq</c> written so far.</summary>
public sealed record OutboxRangeCensus(long Delivered, long Pending, long Dead, long LastSeq)
{
    public long Kept => Delivered + Pending + Dead;
}
