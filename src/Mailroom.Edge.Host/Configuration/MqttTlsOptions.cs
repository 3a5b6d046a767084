namespace Mailroom.Edge.Host.Configuration;

/// <summary>TLS to the broker (<c>Mqtt:Tls:*</c>): off unless <see cref="Enabled"/>.</summary>
public sealed class MqttTlsOptions
{
    public bool Enabled { get; set; }

    /// <summary>PEM file of the CA that signed the broker's certificate.</summary>
    public string? CaFile { get; set; }

    /// <summary>Folder of hashed CA certificates.</summary>
    public string? CaPath { get; set; }

    /// <summary>Trust the operating system's CA store (used alone when neither CaFile nor CaPath is set).</summary>
    public bool UseOsCertificates { get; set; }

    /// <summary>Client certificate for mutual TLS (PEM); needs KeyFile.</summary>
    public string? CertFile { get; set; }

    /// <summary>Client private key (PEM, unencrypted).</summary>
    public string? KeyFile { get; set; }
}
