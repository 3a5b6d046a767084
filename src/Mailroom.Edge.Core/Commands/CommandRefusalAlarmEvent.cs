using System.Text.Json;
using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Core.Commands;

/// <summary>
/// <c>command.refusal_alarm</c> on <c>{root}/event/alarm</c>: <see cref="Count"/> commands were refused within
/// <see cref="Window"/> — someone is probing, replaying or holding a revoked key.
/// </summary>
public sealed record CommandRefusalAlarmEvent(DateTimeOffset Timestamp, int Count, TimeSpan Window, CommandReason LastReason)
    : DomainEvent(Timestamp)
{
    public override string Type => "command.refusal_alarm";

    public override EventCategory Category => EventCategory.Alarm;

    public override EventPriority Priority => EventPriority.Critical;

    public override void WriteFields(Utf8JsonWriter json)
    {
        json.WriteNumber("refusals", Count);
        json.WriteNumber("window_s", (long)Window.TotalSeconds);
        json.WriteString("last_reason", WireNames.SnakeCase(LastReason.ToString()));
    }
}
