using System.Text.Json;
using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Testing;

/// <summary>An event of any type name and category, to drive clip triggers in tests and benchmarks.</summary>
public sealed record TestTriggerEvent(DateTimeOffset Timestamp, string Name, EventCategory Kind = EventCategory.Access) : DomainEvent(Timestamp)
{
    public override string Type => Name;

    public override EventCategory Category => Kind;

    public override EventPriority Priority => EventPriority.Critical;

    public override void WriteFields(Utf8JsonWriter json)
    {
    }
}
