namespace Mailroom.Edge.Mqtt;

/// <summary>An MQTT last-will message.</summary>
public sealed record MqttWill(string Topic, byte[] Payload, int Qos, bool Retain);
