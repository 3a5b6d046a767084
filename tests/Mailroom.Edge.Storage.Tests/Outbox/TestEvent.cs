using System.Text.Json;
using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Storage.Tests.Outbox;

/// <summary>A minimal event for outbox tests.</summary>
internal sealed record TestEvent(DateTimeOffset Timestamp, string Note) : DomainEvent(Timestamp)
{
    public override string Type => "test.note";

    public override EventCategory Category => EventCategory.System;

    public override EventPriority Priority => EventPriority.Telemetry;

    public override void WriteFields(Utf8JsonWriter json) => json.WriteString("note", Note);
}
