namespace Mailroom.Edge.Core.Telemetry;

/// <summary>The MQTT client refused an operation; the message names the cause.</summary>
public sealed class MqttTransportException : Exception
{
    public MqttTransportException(string message, int errorCode) : base(message) => ErrorCode = errorCode;

    public MqttTransportException() { }

    public MqttTransportException(string message) : base(message) { }

    public MqttTransportException(string message, Exception inner) : base(message, inner) { }

    /// <summary>The library's error code (libmosquitto's <c>MOSQ_ERR_*</c>).</summary>
    public int ErrorCode { get; }

    /// <summary>True when the refusal was because there is no connection right now.</summary>
    public bool NotConnected { get; init; }
}
