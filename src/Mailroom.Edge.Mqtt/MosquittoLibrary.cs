using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Mqtt.Interop;

namespace Mailroom.Edge.Mqtt;

/// <summary>
/// The process-wide libmosquitto: loaded, version-checked and initialised once (<c>mosquitto_lib_init</c>). It is never
/// cleaned up because the client lives for the whole process.
/// </summary>
public static class MosquittoLibrary
{
    private static readonly Version Minimum = new(2, 0, 0);
    private static readonly Lazy<Version> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The libmosquitto version in use (major.minor.revision), for health reports.</summary>
    /// <exception cref="MqttTransportException">The library is missing or older than 2.0.</exception>
    public static Version Version => Loaded.Value;

    internal static void EnsureInitialised() => _ = Loaded.Value;

    private static Version Load()
    {
        Version version;
        try
        {
            LibMosquitto.LibVersion(out var major, out var minor, out var revision);
            version = new Version(major, minor, revision);
        }
        catch (DllNotFoundException e)
        {
            throw new MqttTransportException(
                "libmosquitto.so.1 could not be loaded: install the Debian package libmosquitto1 (apt-get install libmosquitto1).", e);
        }

        if (version < Minimum)
        {
            throw new MqttTransportException(
                $"libmosquitto {version} is too old; MQTT 5 needs 2.0 or later (apt-get install libmosquitto1 from Debian 11 or newer).");
        }

        MosquittoErrors.ThrowIfFailed(LibMosquitto.LibInit(), "mosquitto_lib_init");
        return version;
    }
}
