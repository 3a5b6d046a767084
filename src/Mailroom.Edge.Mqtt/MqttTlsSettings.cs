namespace Mailroom.Edge.Mqtt;

/// <summary>
/// TLS for the broker connection: the CA to trust (a file, a folder, or the operating system's store), an optional client
/// certificate and key for mutual TLS. TLS 1.2 or newer and hostname verification are always on; there is no switch to
/// turn verification off.
/// </summary>
public sealed record MqttTlsSettings
{
    /// <summary>PEM file of the CA(s) that signed the broker's certificate.</summary>
    public string? CaFile { get; init; }

    /// <summary>Folder of hashed PEM CA certificates (as <c>c_rehash</c> makes); <c>/etc/ssl/certs</c> is the OS store.</summary>
    public string? CaPath { get; init; }

    /// <summary>Trust the operating system's CA store as well (on Debian, package ca-certificates).</summary>
    public bool UseOsCertificates { get; init; }

    /// <summary>PEM client certificate for mutual TLS; needs <see cref="KeyFile"/>.</summary>
    public string? CertFile { get; init; }

    /// <summary>PEM private key of <see cref="CertFile"/>, unencrypted (readable by the service user only).</summary>
    public string? KeyFile { get; init; }
}
