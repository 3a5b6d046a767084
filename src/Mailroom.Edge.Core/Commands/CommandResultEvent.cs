using System.Text.Json;
using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Core.Commands;

/// <summary>
/// <c>command.result</c> on <c>{root}/cmd-result</c> (or the MQTT 5 response topic, when it lies under it): the one
/// result of one command, correlated by <c>command_id</c> and by the echoed MQTT 5 correlation data. Appended to the
/// outbox like every event, so a result survives a broker outage or a restart.
/// </summary>
public sealed record CommandResultEvent(
    DateTimeOffset Timestamp,
    string? CommandId,
    string? Name,
    string? Issuer,
    long? Counter,
    CommandOutcome Outcome,
    byte[]? CorrelationData,
    string ResultTopicSuffix) : DomainEvent(Timestamp)
{
    public override string Type => "command.result";

    public override EventCategory Category => EventCategory.System;

    // An accepted or failed command moved (or tried to move) something: never shed. A refusal is evidence too, but a
    // flood of them must not push access events out of a full outbox.
    public override EventPriority Priority => Outcome.Status == CommandStatus.Rejected ? EventPriority.State : EventPriority.Critical;

    public override string TopicSuffix => ResultTopicSuffix;

    public override void WriteFields(Utf8JsonWriter json)
    {
        WriteOptional(json, "command_id", CommandId);
        WriteOptional(json, "command", Name);
        WriteOptional(json, "issuer", Issuer);
        if (Counter is { } counter)
            json.WriteNumber("counter", counter);
        json.WriteString("result", WireNames.SnakeCase(Outcome.Status.ToString()));
        if (Outcome.Reason is { } reason)
            json.WriteString("reason", WireNames.SnakeCase(reason.ToString()));
        WriteOptional(json, "detail", Outcome.Detail);
        if (CorrelationData is not null)
            json.WriteBase64String("correlation", CorrelationData);
        if (Outcome.Data is { } data)
        {
            json.WritePropertyName("data");
            json.WriteRawValue(data);
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
            json.WriteNull(name);
        else
            json.WriteString(name, value);
    }
}
