using System.Runtime.InteropServices;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Mqtt.Interop;

namespace Mailroom.Edge.Mqtt;

/// <summary>Turns libmosquitto's <c>MOSQ_ERR_*</c> return codes into <see cref="MqttTransportException"/>.</summary>
internal static class MosquittoErrors
{
    public static void ThrowIfFailed(int rc, string operation)
    {
        if (rc != LibMosquitto.ErrSuccess)
        {
            throw Exception(rc, operation);
        }
    }

    public static MqttTransportException Exception(int rc, string operation) =>
        new($"{operation} failed: {Describe(rc)} (MOSQ_ERR {rc})", rc) { NotConnected = rc == LibMosquitto.ErrNoConn };

    /// <summary>Text for a <c>MOSQ_ERR_*</c> code. For MOSQ_ERR_ERRNO libmosquitto reads errno, which the runtime may
    /// have overwritten by now, so the errno captured at the call is used instead.</summary>
    public static string Describe(int rc, int? errno = null) =>
        rc == LibMosquitto.ErrErrno && errno is { } e
            ? Marshal.GetPInvokeErrorMessage(e)
            : LibMosquitto.Text(LibMosquitto.StrError(rc));
}
