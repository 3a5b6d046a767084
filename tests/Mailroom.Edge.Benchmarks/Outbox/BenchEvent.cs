using System.Text.Json;
using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Benchmarks.Outbox;

/// <summary>A ~300-byte access-sized event for outbox benchmarks.</summary>
internal sealed record BenchEvent(DateTimeOffset Timestamp, int Index) : DomainEvent(Timestamp)
{
    private static readonly string Filler = new('x', 160);

    public override string Type => "bench.event";

    public override EventCategory Category => EventCategory.Access;

    public override EventPriority Priority => EventPriority.Critical;

    public override void WriteFields(Utf8JsonWriter json)
    {
        json.WriteNumber("index", Index);
        json.WriteString("filler", Filler);
    }
}
