namespace Mailroom.Edge.Core.Telemetry;

/// <summary>
/// Called by the transport on its network thread for every received message, before the message is acknowledged to the
/// broker (MQTT 5 §4.3.2: once the PUBACK is sent the broker forgets the message). Whatever must survive a crash is made
/// durable here; the call blocks the network thread, so it must be quick (one SQLite commit) and must not throw.
/// </summary>
public interface IAcknowledgementGate
{
    /// <summary>The message to hand on (possibly with a <see cref="MqttMessageReceived.Receipt"/>), or null to drop it
    /// (it is still acknowledged).</summary>
    MqttMessageReceived? BeforeAcknowledge(MqttMessageReceived message);
}
