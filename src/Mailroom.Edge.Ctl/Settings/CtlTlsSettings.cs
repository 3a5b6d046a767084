using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Mqtt;

namespace Mailroom.Edge.Ctl.Settings;

/// <summary>
/// TLS to the broker (<c>"Tls"</c> in the settings file, or <c>--tls-ca</c>/<c>--tls-cert</c>/<c>--tls-key</c>): on as
/// soon as a CA file is given. With the shipped broker config (mutual TLS) the operator certificate and key that
/// make-certs.sh wrote are required too.
/// </summary>
public sealed class CtlTlsSettings
{
    /// <summary>PEM file of the site CA that signed the broker's certificate (ca.crt from make-certs.sh).</summary>
    public string? CaFile { get; set; }

    /// <summary>The operator's client certificate (operator-NAME.crt).</summary>
    public string? CertFile { get; set; }

    /// <summary>Its private key (operator-NAME.key), unencrypted.</summary>
    public string? KeyFile { get; set; }

    /// <summary>The transport's TLS settings, or null for plain MQTT; throws <see cref="CtlUsageException"/> on a half setup.</summary>
    public MqttTlsSettings? ToTransport()
    {
        if (CaFile is null && CertFile is null && KeyFile is null)
            return null;
        if (CaFile is null)
            throw new CtlUsageException("--tls-ca: a client certificate needs the CA that signed the broker's certificate");
        if ((CertFile is null) != (KeyFile is null))
            throw new CtlUsageException("--tls-cert/--tls-key: give both the operator certificate and its key, or neither");
        foreach (var file in new[] { CaFile, CertFile, KeyFile })
        {
            if (file is not null && !File.Exists(file))
                throw new CtlUsageException($"TLS: the file '{file}' does not exist");
        }
        return new MqttTlsSettings { CaFile = CaFile, CertFile = CertFile, KeyFile = KeyFile };
    }
}
