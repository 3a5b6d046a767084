using System.Buffers;
using System.Text.Json;

namespace Mailroom.Edge.Core.Events;

/// <summary>Writes the v1 JSON payload of an event (see docs/mqtt.md): the shared envelope fields, then the event's own.</summary>
public static class EventSerializer
{
    public static byte[] Serialize(DomainEvent domainEvent, EventEnvelope envelope, DeviceIdentity device)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", envelope.Id.ToString());
            json.WriteNumber("seq", envelope.Seq);
            json.WriteString("ts", WireNames.Timestamp(domainEvent.Timestamp));
            json.WriteString("type", domainEvent.Type);
            json.WriteString("site", device.Site);
            json.WriteString("device", device.Device);
            domainEvent.WriteFields(json);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The retained <c>{root}/status</c> payload: online on every connect, offline as the will.</summary>
    public static byte[] Status(bool online, long boot, DateTimeOffset ts)
    {
        var buffer = new ArrayBufferWriter<byte>(96);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("state", online ? "online" : "offline");
            json.WriteNumber("boot", boot);
            json.WriteString("ts", WireNames.Timestamp(ts));
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
