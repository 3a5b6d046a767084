namespace Mailroom.Edge.Core.Telemetry;

/// <summary>Something the MQTT transport observed, in the order it observed it.</summary>
public abstract record MqttSignal;

/// <summary>CONNACK received with success; <paramref name="SessionPresent"/> as the broker said.</summary>
public sealed record MqttConnected(bool SessionPresent) : MqttSignal;

/// <summary>The connection failed or was lost; <paramref name="Reason"/> is a human-readable cause.</summary>
public sealed record MqttDisconnected(int ReasonCode, string Reason) : MqttSignal;

/// <summary>The broker acknowledged a QoS 1 publish (PUBACK). MQTT 5 reason codes below 0x80 are success.</summary>
public sealed record MqttPublishAcknowledged(int MessageId, int ReasonCode) : MqttSignal
{
    public bool Succeeded => ReasonCode < 0x80;
}

/// <summary>A message arrived on a subscribed topic; MQTT 5 response topic and correlation data when it carried them.</summary>
public sealed record MqttMessageReceived(string Topic, byte[] Payload, bool Retained) : MqttSignal
{
    public string? ResponseTopic { get; init; }

    public byte[]? CorrelationData { get; init; }

    /// <summary>The durable record an <see cref="IAcknowledgementGate"/> made of the message before it was acknowledged.</summary>
    public long? Receipt { get; init; }
}
