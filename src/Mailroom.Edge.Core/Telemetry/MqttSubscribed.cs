namespace Mailroom.Edge.Core.Telemetry;

/// <summary>The broker acknowledged a subscription (SUBACK); a granted QoS of 0x80 or more is a refusal.</summary>
public sealed record MqttSubscribed(int MessageId, IReadOnlyList<int> GrantedQos) : MqttSignal;
