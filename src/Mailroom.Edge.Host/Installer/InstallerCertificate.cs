using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Storage.Interop;

namespace Mailroom.Edge.Host.Installer;

/// <summary>
/// The page's TLS certificate: the site's own (<c>Installer:CertificateFile</c> and <c>CertificateKeyFile</c>, PEM), or
/// one the device makes for itself once and keeps in <c>{DataDirectory}/installer-tls.pfx</c> (mode 0600): ECDSA P-256,
/// valid two years, named after the device and its addresses. A browser cannot know a self-made certificate, so
/// <c>installer enable</c> prints its SHA-256 fingerprint for the installer to compare with the browser's.
/// </summary>
public static class InstallerCertificate
{
    public const string FileName = "installer-tls.pfx";

    public static X509Certificate2 LoadOrCreate(EdgeOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Installer.CertificateFile is { Length: > 0 } certificate)
            return X509Certificate2.CreateFromPemFile(certificate, options.Installer.CertificateKeyFile);
        var path = System.IO.Path.Combine(options.DataDirectory, FileName);
        if (File.Exists(path))
            return X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
        using var created = Create(options.Device, time.GetUtcNow());
        var pfx = created.Export(X509ContentType.Pkcs12);
        PrivateFile.Write(path, stream => stream.Write(pfx));
        return X509CertificateLoader.LoadPkcs12(pfx, password: null);
    }

    /// <summary>The SHA-256 fingerprint as browsers show it: upper-case hex pairs separated by colons.</summary>
    public static string Fingerprint(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return string.Join(':', certificate.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static X509Certificate2 Create(string device, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={device} installer page", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(Dns.GetHostName());
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        foreach (var address in LocalAddresses())
            names.AddIpAddress(address);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(2));
    }

    private static IEnumerable<IPAddress> LocalAddresses()
    {
        try
        {
            return System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(i => i.GetIPProperties().UnicastAddresses)
                .Select(a => a.Address)
                .Where(a => !IPAddress.IsLoopback(a) && !a.IsIPv6LinkLocal)
                .Distinct()
                .ToList();
        }
        catch (System.Net.NetworkInformation.NetworkInformationException)
        {
            return [];
        }
    }
}
