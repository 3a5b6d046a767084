using System.Runtime.InteropServices;

namespace Mailroom.Edge.Mqtt.Interop;

/// <summary>
/// P/Invoke declarations for libmosquitto 2.x (<c>/usr/include/mosquitto.h</c>, Debian package <c>libmosquitto1</c>).
/// Functions returning <c>const char*</c> return <see cref="nint"/> because the strings are static and must not be freed.
/// </summary>
internal static unsafe partial class LibMosquitto
{
    private const string Library = "libmosquitto.so.1";

    public const int ErrSuccess = 0;
    public const int ErrNoConn = 4;
    public const int ErrErrno = 14;

    public const int OptProtocolVersion = 1;
    public const int OptTlsUseOsCerts = 13;
    public const int PropSessionExpiryInterval = 17;
    public const int SslVerifyPeer = 1;

    [LibraryImport(Library, EntryPoint = "mosquitto_lib_version")]
    public static partial int LibVersion(out int major, out int minor, out int revision);

    [LibraryImport(Library, EntryPoint = "mosquitto_lib_init")]
    public static partial int LibInit();

    [LibraryImport(Library, EntryPoint = "mosquitto_new", StringMarshalling = StringMarshalling.Utf8)]
    public static partial MosquittoHandle New(string id, [MarshalAs(UnmanagedType.U1)] bool cleanSession, nint obj);

    [LibraryImport(Library, EntryPoint = "mosquitto_destroy")]
    public static partial void Destroy(nint mosq);

    [LibraryImport(Library, EntryPoint = "mosquitto_int_option")]
    public static partial int IntOption(MosquittoHandle mosq, int option, int value);

    [LibraryImport(Library, EntryPoint = "mosquitto_username_pw_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int UsernamePwSet(MosquittoHandle mosq, string? username, string? password);

    [LibraryImport(Library, EntryPoint = "mosquitto_will_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int WillSet(
        MosquittoHandle mosq, string topic, int payloadLength, byte* payload, int qos, [MarshalAs(UnmanagedType.U1)] bool retain);

    [LibraryImport(Library, EntryPoint = "mosquitto_reconnect_delay_set")]
    public static partial int ReconnectDelaySet(
        MosquittoHandle mosq, uint delaySeconds, uint delayMaxSeconds, [MarshalAs(UnmanagedType.U1)] bool exponentialBackoff);

    [LibraryImport(Library, EntryPoint = "mosquitto_max_inflight_messages_set")]
    public static partial int MaxInflightMessagesSet(MosquittoHandle mosq, uint maxInflight);

    [LibraryImport(Library, EntryPoint = "mosquitto_connect_async", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int ConnectAsync(MosquittoHandle mosq, string host, int port, int keepAliveSeconds);

    [LibraryImport(Library, EntryPoint = "mosquitto_connect_bind_v5", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int ConnectBindV5(MosquittoHandle mosq, string host, int port, int keepAliveSeconds, string? bindAddress, nint properties);

    [LibraryImport(Library, EntryPoint = "mosquitto_loop")]
    public static partial int Loop(MosquittoHandle mosq, int timeoutMs, int maxPackets);

    [LibraryImport(Library, EntryPoint = "mosquitto_threaded_set")]
    public static partial int ThreadedSet(MosquittoHandle mosq, [MarshalAs(UnmanagedType.U1)] bool threaded);

    [LibraryImport(Library, EntryPoint = "mosquitto_property_add_int32")]
    public static partial int PropertyAddInt32(ref nint properties, int identifier, uint value);

    [LibraryImport(Library, EntryPoint = "mosquitto_property_free_all")]
    public static partial void PropertyFreeAll(ref nint properties);

    [LibraryImport(Library, EntryPoint = "mosquitto_tls_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int TlsSet(MosquittoHandle mosq, string? caFile, string? caPath, string? certFile, string? keyFile, nint passwordCallback);

    [LibraryImport(Library, EntryPoint = "mosquitto_tls_opts_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int TlsOptsSet(MosquittoHandle mosq, int certReqs, string? tlsVersion, string? ciphers);

    [LibraryImport(Library, EntryPoint = "mosquitto_tls_insecure_set")]
    public static partial int TlsInsecureSet(MosquittoHandle mosq, [MarshalAs(UnmanagedType.U1)] bool insecure);

    [LibraryImport(Library, EntryPoint = "mosquitto_loop_start")]
    public static partial int LoopStart(MosquittoHandle mosq);

    [LibraryImport(Library, EntryPoint = "mosquitto_loop_stop")]
    public static partial int LoopStop(MosquittoHandle mosq, [MarshalAs(UnmanagedType.U1)] bool force);

    [LibraryImport(Library, EntryPoint = "mosquitto_disconnect")]
    public static partial int Disconnect(MosquittoHandle mosq);

    [LibraryImport(Library, EntryPoint = "mosquitto_publish_v5", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int PublishV5(
        MosquittoHandle mosq, out int mid, string topic, int payloadLength, byte* payload, int qos,
        [MarshalAs(UnmanagedType.U1)] bool retain, nint properties);

    // options: the MQTT 5 subscription option bits (mqtt_protocol.h's MQTT_SUB_OPT_*, e.g. 0x08 retain-as-published).
    // On a 3.1.1 connection libmosquitto 2.0 silently sends the QoS alone.
    [LibraryImport(Library, EntryPoint = "mosquitto_subscribe_v5", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SubscribeV5(MosquittoHandle mosq, out int mid, string topicFilter, int qos, int options, nint properties);

    // Unlike the calls above this takes the raw pointer: the subscribe-on-connect inside the connect callback runs on the
    // network thread, where the handle is alive by construction (it is destroyed only after loop_stop joined that thread).
    [LibraryImport(Library, EntryPoint = "mosquitto_subscribe_v5", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SubscribeV5Raw(nint mosq, out int mid, string topicFilter, int qos, int options, nint properties);

    [LibraryImport(Library, EntryPoint = "mosquitto_connect_v5_callback_set")]
    public static partial void ConnectV5CallbackSet(MosquittoHandle mosq, delegate* unmanaged[Cdecl]<nint, nint, int, int, nint, void> callback);

    [LibraryImport(Library, EntryPoint = "mosquitto_disconnect_v5_callback_set")]
    public static partial void DisconnectV5CallbackSet(MosquittoHandle mosq, delegate* unmanaged[Cdecl]<nint, nint, int, nint, void> callback);

    [LibraryImport(Library, EntryPoint = "mosquitto_publish_v5_callback_set")]
    public static partial void PublishV5CallbackSet(MosquittoHandle mosq, delegate* unmanaged[Cdecl]<nint, nint, int, int, nint, void> callback);

    [LibraryImport(Library, EntryPoint = "mosquitto_message_v5_callback_set")]
    public static partial void MessageV5CallbackSet(
        MosquittoHandle mosq, delegate* unmanaged[Cdecl]<nint, nint, MosquittoMessage*, nint, void> callback);

    [LibraryImport(Library, EntryPoint = "mosquitto_subscribe_v5_callback_set")]
    public static partial void SubscribeV5CallbackSet(
        MosquittoHandle mosq, delegate* unmanaged[Cdecl]<nint, nint, int, int, int*, nint, void> callback);

    public const int PropResponseTopic = 8;
    public const int PropCorrelationData = 9;

    // Both return the property found (or null) and hand back a malloc'd copy of its value, which the caller frees.
    [LibraryImport(Library, EntryPoint = "mosquitto_property_read_string")]
    public static partial nint PropertyReadString(nint properties, int identifier, out byte* value, [MarshalAs(UnmanagedType.U1)] bool skipFirst);

    [LibraryImport(Library, EntryPoint = "mosquitto_property_read_binary")]
    public static partial nint PropertyReadBinary(nint properties, int identifier, out byte* value, out ushort length, [MarshalAs(UnmanagedType.U1)] bool skipFirst);

    [LibraryImport(Library, EntryPoint = "mosquitto_strerror")]
    public static partial nint StrError(int error);

    [LibraryImport(Library, EntryPoint = "mosquitto_connack_string")]
    public static partial nint ConnackString(int connackCode);

    [LibraryImport(Library, EntryPoint = "mosquitto_reason_string")]
    public static partial nint ReasonString(int reasonCode);

    public static string Text(nint staticString) => Marshal.PtrToStringUTF8(staticString) ?? string.Empty;
}
