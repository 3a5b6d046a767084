namespace Mailroom.Edge.Core.Telemetry;

/// <summary>
/// MQTT 5 subscription options beyond the QoS (MQTT 5.0 §3.8.3.1). The values are the option bits of the SUBSCRIBE
/// packet. An MQTT 3.1.1 connection has no such options: there the transport subscribes without them.
/// </summary>
[Flags]
public enum MqttSubscriptionOptions
{
    None = 0,

    /// <summary>Bit 3, Retain As Published: a live delivery keeps the retain flag it was published with. Without it the
    /// broker clears the flag on every delivery except the stored copy sent at subscribe time, so a subscriber cannot
    /// tell a message published with retain=true from any other.</summary>
    RetainAsPublished = 0x08,
}
