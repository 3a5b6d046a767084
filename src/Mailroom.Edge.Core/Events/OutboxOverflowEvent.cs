using System.Text.Json;

namespace Mailroom.Edge.Core.Events;

/// <summary>
/// <c>system.outbox_overflow</c>: the outbox reached its row or byte bound and shed lower-priority rows that were not yet
/// delivered. One event summarises everything shed since the previous one, so a consumer can explain the gaps in
/// <c>seq</c>. Critical itself, so it is never shed.
/// </summary>
public sealed record OutboxOverflowEvent(
    DateTimeOffset Timestamp,
    long ShedCount,
    IReadOnlyDictionary<string, long> ShedByType,
    IReadOnlyList<(long First, long Last)> ShedSeqRanges,
    bool RangesTruncated,
    long MaxRows,
    long MaxBytes)
    : DomainEvent(Timestamp)
{
    public override string Type => "system.outbox_overflow";

    public override EventCategory Category => EventCategory.System;

    public override EventPriority Priority => EventPriority.Critical;

    public override void WriteFields(Utf8JsonWriter json)
    {
        json.WriteNumber("shed", ShedCount);
        json.WriteStartObject("shed_by_type");
        foreach (var (type, count) in ShedByType.OrderBy(p => p.Key, StringComparer.Ordinal))
            json.WriteNumber(type, count);
        json.WriteEndObject();
        json.WriteStartArray("shed_seq");
        foreach (var (first, last) in ShedSeqRanges)
        {
            json.WriteStartArray();
            json.WriteNumberValue(first);
            json.WriteNumberValue(last);
            json.WriteEndArray();
        }
        json.WriteEndArray();
        json.WriteBoolean("shed_seq_truncated", RangesTruncated);
        json.WriteNumber("max_rows", MaxRows);
        json.WriteNumber("max_bytes", MaxBytes);
    }
}
