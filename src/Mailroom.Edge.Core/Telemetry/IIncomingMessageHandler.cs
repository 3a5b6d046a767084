namespace Mailroom.Edge.Core.Telemetry;

/// <summary>
/// Receives the messages that arrive on subscribed topics. Called on the <see cref="OutboxPublisher"/>'s loop, which
/// also delivers events: an implementation must return at once (queue the message, never do I/O).
/// </summary>
public interface IIncomingMessageHandler
{
    /// <param name="message">The message as the transport delivered it.</param>
    /// <param name="sinceConnected">How long the connection it arrived on had been up (monotonic time; zero if the
    /// publisher believes it is disconnected).</param>
    void Accept(MqttMessageReceived message, TimeSpan sinceConnected);
}
