using System.Text.Json;
using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Storage.Tests.Outbox;

/// <summary>An event of a chosen priority, for shedding tests.</summary>
internal sealed record PriorityEvent(DateTimeOffset Timestamp, EventPriority Level, string Name) : DomainEvent(Timestamp)
{
    public override string Type => $"test.{Level.ToString().ToLowerInvariant()}";

    public override EventCategory Category => EventCategory.System;

    public override EventPriority Priority => Level;

    public override void WriteFields(Utf8JsonWriter json) => json.WriteString("name", Name);
}
