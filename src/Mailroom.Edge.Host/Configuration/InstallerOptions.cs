namespace Mailroom.Edge.Host.Configuration;

/// <summary>The installer's page (docs/installer.md): off until <c>mailroom-edge installer enable</c> opens a window.
/// These settings say where it listens and with which certificate.</summary>
public sealed class InstallerOptions
{
    /// <summary>Address and port of the HTTPS listener, <c>ADDRESS:PORT</c> (an IPv6 address in brackets). Default
    /// every address, port 8443.</summary>
    public string Bind { get; set; } = "0.0.0.0:8443";

    /// <summary>A certificate the site provides (PEM); with <see cref="CertificateKeyFile"/>. Without one the device
    /// makes its own, kept in the data folder, and <c>installer enable</c> prints its fingerprint.</summary>
    public string? CertificateFile { get; set; }

    /// <summary>The private key of <see cref="CertificateFile"/> (PEM).</summary>
    public string? CertificateKeyFile { get; set; }
}
