using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mailroom.Edge.Mqtt.Interop;

/// <summary>
/// The native callbacks libmosquitto calls on its network thread. Each one finds its <see cref="MosquittoTransport"/>
/// through the GCHandle passed as <c>obj</c> to <c>mosquitto_new</c> and hands the event over. Nothing may escape: an
/// exception unwinding into C would kill the process, so every callback catches everything.
/// </summary>
internal static unsafe class MosquittoCallbacks
{
    public static void Install(MosquittoHandle mosq)
    {
        LibMosquitto.ConnectV5CallbackSet(mosq, &OnConnect);
        LibMosquitto.DisconnectV5CallbackSet(mosq, &OnDisconnect);
        LibMosquitto.PublishV5CallbackSet(mosq, &OnPublish);
        LibMosquitto.MessageV5CallbackSet(mosq, &OnMessage);
        LibMosquitto.SubscribeV5CallbackSet(mosq, &OnSubscribe);
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void OnConnect(nint mosq, nint obj, int reasonCode, int flags, nint properties)
    {
        try
        {
            Resolve(obj)?.HandleConnect(mosq, reasonCode, flags);
        }
        catch
        {
            // Never unwind into libmosquitto.
        }
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void OnDisconnect(nint mosq, nint obj, int reasonCode, nint properties)
    {
        try
        {
            Resolve(obj)?.HandleDisconnect(reasonCode);
        }
        catch
        {
            // Never unwind into libmosquitto.
        }
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void OnPublish(nint mosq, nint obj, int mid, int reasonCode, nint properties)
    {
        try
        {
            Resolve(obj)?.HandlePublished(mid, reasonCode);
        }
        catch
        {
            // Never unwind into libmosquitto.
        }
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void OnMessage(nint mosq, nint obj, MosquittoMessage* message, nint properties)
    {
        try
        {
            // libmosquitto frees the message after the callback returns, so topic and payload are copied here.
            var topic = Marshal.PtrToStringUTF8((nint)message->Topic) ?? string.Empty;
            var payload = new ReadOnlySpan<byte>(message->Payload, message->PayloadLength).ToArray();
            var (responseTopic, correlation) = properties == 0 ? (null, null) : ReadResponseProperties(properties);
            Resolve(obj)?.HandleMessage(topic, payload, message->Retain != 0, responseTopic, correlation);
        }
        catch
        {
            // Never unwind into libmosquitto.
        }
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void OnSubscribe(nint mosq, nint obj, int mid, int qosCount, int* grantedQos, nint properties)
    {
        try
        {
            var granted = new ReadOnlySpan<int>(grantedQos, qosCount).ToArray();
            Resolve(obj)?.HandleSubscribed(mid, granted);
        }
        catch
        {
            // Never unwind into libmosquitto.
        }
    }

    /// <summary>MQTT 5 request/response: the response topic and correlation data of an incoming PUBLISH, if present.</summary>
    private static (string? ResponseTopic, byte[]? CorrelationData) ReadResponseProperties(nint properties)
    {
        string? responseTopic = null;
        byte[]? correlation = null;
        if (LibMosquitto.PropertyReadString(properties, LibMosquitto.PropResponseTopic, out var text, false) != 0 && text is not null)
        {
            responseTopic = Marshal.PtrToStringUTF8((nint)text);
            NativeMemory.Free(text);
        }
        if (LibMosquitto.PropertyReadBinary(properties, LibMosquitto.PropCorrelationData, out var data, out var length, false) != 0)
        {
            correlation = data is null ? [] : new ReadOnlySpan<byte>(data, length).ToArray();
            NativeMemory.Free(data);
        }
        return (responseTopic, correlation);
    }

    private static MosquittoTransport? Resolve(nint obj) =>
        obj == 0 ? null : GCHandle.FromIntPtr(obj).Target as MosquittoTransport;
}
