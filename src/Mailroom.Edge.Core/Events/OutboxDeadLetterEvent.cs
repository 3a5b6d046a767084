using System.Text.Json;

namespace Mailroom.Edge.Core.Events;

/// <summary>
/// <c>system.outbox_dead_letter</c> on <c>{root}/event/alarm</c>: the broker refused an event with a failure reason code
/// (MQTT 5, 0x80 or above, e.g. not authorised or payload too large). The row is marked dead and not sent again, so one
/// bad message cannot block or loop the publisher; the security team must look at it.
/// </summary>
public sealed record OutboxDeadLetterEvent(DateTimeOffset Timestamp, long DeadSeq, string DeadTopic, int ReasonCode, string Reason)
    : DomainEvent(Timestamp)
{
    public override string Type => "system.outbox_dead_letter";

    public override EventCategory Category => EventCategory.Alarm;

    public override EventPriority Priority => EventPriority.Critical;

    public override void WriteFields(Utf8JsonWriter json)
    {
        json.WriteNumber("dead_seq", DeadSeq);
        json.WriteString("dead_topic", DeadTopic);
        json.WriteNumber("reason_code", ReasonCode);
        json.WriteString("reason", Reason);
    }
}
