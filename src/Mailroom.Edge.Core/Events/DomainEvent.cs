using System.Text.Json;

namespace Mailroom.Edge.Core.Events;

/// <summary>
/// Something that happened at the device. Each kind is one record type; it names its dotted <see cref="Type"/>
/// (e.g. <c>access.granted</c>), its category and priority, and writes its own fields into the JSON payload.
/// The envelope fields every event shares (id, seq, ts, type, site, device) are written by <see cref="EventSerializer"/>.
/// </summary>
public abstract record DomainEvent(DateTimeOffset Timestamp)
{
    public abstract string Type { get; }

    public abstract EventCategory Category { get; }

    public abstract EventPriority Priority { get; }

    /// <summary>The topic below the device root this event is published on; <c>event/{category}</c> unless a kind
    /// has its own (command results go to <c>cmd-result</c>).</summary>
    public virtual string TopicSuffix => $"event/{WireNames.Of(Category)}";

    /// <summary>Writes the fields specific to this event into an open JSON object.</summary>
    public abstract void WriteFields(Utf8JsonWriter json);
}
