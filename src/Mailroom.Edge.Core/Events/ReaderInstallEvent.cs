using System.Text.Json;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Readers;

namespace Mailroom.Edge.Core.Events;

/// <summary>
/// A step of an OSDP reader's install mode, on <c>{root}/event/alarm</c> because it opens a window in the reader's
/// security: <c>reader.install_started</c> (an operator allowed the default key SCBK-D, <c>until</c>),
/// <c>reader.install_keyed</c> (the reader accepted its own fresh key) and <c>reader.install_ended</c> (with
/// <c>outcome</c> <c>keyed</c>, <c>expired</c> or <c>cancelled</c>). Never carries a key.
/// </summary>
public sealed record ReaderInstallEvent(DateTimeOffset Timestamp, DoorId Door, ReaderId Reader, string Step, string? Outcome = null, DateTimeOffset? Until = null, string? By = null)
    : DomainEvent(Timestamp)
{
    public override string Type => $"reader.install_{Step}";

    public override EventCategory Category => EventCategory.Alarm;

    public override EventPriority Priority => EventPriority.Critical;

    public override void WriteFields(Utf8JsonWriter json)
    {
        json.WriteString("door", Door.Value);
        json.WriteString("reader", Reader.Value);
        if (Outcome is not null)
            json.WriteString("outcome", Outcome);
        if (Until is { } until)
            json.WriteString("until", WireNames.Timestamp(until));
        if (By is not null)
            json.WriteString("by", By);
    }
}
