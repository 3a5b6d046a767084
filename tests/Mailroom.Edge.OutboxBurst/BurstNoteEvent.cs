using System.Text.Json;
using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.OutboxBurst;

/// <summary><c>system.outbox_burst</c>: a synthetic event appended by <see cref="Program"/> (the crash test), never by
/// the agent.</summary>
internal sealed record BurstNoteEvent(DateTimeOffset Timestamp, int Index, EventPriority Level) : DomainEvent(Timestamp)
{
    public override string Type => "system.outbox_burst";

    public override EventCategory Category => EventCategory.System;

    public override EventPriority Priority => Level;

    public override void WriteFields(Utf8JsonWriter json) => json.WriteNumber("index", Index);
}
