using System.Text.Json;
using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Host.Tests.Delivery;

/// <summary>A critical event with an index, for delivery tests.</summary>
internal sealed record BurstEvent(DateTimeOffset Timestamp, int Index) : DomainEvent(Timestamp)
{
    public override string Type => "test.burst";

    public override EventCategory Category => EventCategory.Access;

    public override EventPriority Priority => EventPriority.Critical;

    public override void WriteFields(Utf8JsonWriter json) => json.WriteNumber("index", Index);
}
