using System.Diagnostics;

namespace Mailroom.Edge.Testing;

/// <summary>
/// A throwaway PKI made with the <c>openssl</c> program: a CA, a broker certificate for <c>localhost</c>/127.0.0.1, a
/// good client certificate, a client certificate from another CA, and an expired client certificate.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private readonly TempDirectory _folder = new("mailroom-pki");

    private TestCertificates()
    {
    }

    public string CaFile => _folder.File("ca.crt");

    public string ServerCert => _folder.File("server.crt");

    public string ServerKey => _folder.File("server.key");

    public string ClientCert => _folder.File("client.crt");

    public string ClientKey => _folder.File("client.key");

    public string ForeignClientCert => _folder.File("foreign.crt");

    public string ForeignClientKey => _folder.File("foreign.key");

    public string ExpiredClientCert => _folder.File("expired.crt");

    public string ExpiredClientKey => _folder.File("expired.key");

    public static async Task<TestCertificates> CreateAsync()
    {
        var pki = new TestCertificates();
        try
        {
            await pki.RunAsync("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=mailroom-test-ca");
            await pki.RunAsync("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other-ca.key", "-out", "other-ca.crt", "-days", "2", "-subj", "/CN=other-ca");
            await File.WriteAllTextAsync(pki._folder.File("san.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
            await pki.IssueAsync("server", "ca", "localhost", days: 2, extensions: "san.ext");
            await pki.IssueAsync("client", "ca", "edge-1", days: 2);
            await pki.IssueAsync("foreign", "other-ca", "edge-1", days: 2);
            await pki.IssueAsync("expired", "ca", "edge-1", days: -1);
            // mosquitto started as root drops to the 'mosquitto' user, which must still read its key (test keys only).
            if (!OperatingSystem.IsWindows())
            {
                foreach (var file in Directory.GetFiles(pki._folder.Path))
                    File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }
            return pki;
        }
        catch
        {
            pki.Dispose();
            throw;
        }
    }

    /// <summary>mosquitto listener lines: TLS with this CA, client certificates required.</summary>
    public string MutualTlsListenerConfig => $"""
        cafile {CaFile}
        certfile {ServerCert}
        keyfile {ServerKey}
        require_certificate true
        tls_version tlsv1.2
        """;

    public void Dispose() => _folder.Dispose();

    private async Task IssueAsync(string name, string ca, string commonName, int days, string? extensions = null)
    {
        await RunAsync("req", "-newkey", "rsa:2048", "-nodes", "-keyout", $"{name}.key", "-out", $"{name}.csr", "-subj", $"/CN={commonName}");
        var args = new List<string> { "x509", "-req", "-in", $"{name}.csr", "-CA", $"{ca}.crt", "-CAkey", $"{ca}.key", "-CAcreateserial", "-out", $"{name}.crt", "-days", days.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (extensions is not null)
            args.AddRange(["-extfile", extensions]);
        await RunAsync([.. args]);
    }

    private async Task RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("openssl") { WorkingDirectory = _folder.Path, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"openssl {string.Join(' ', args)} failed: {await stderr}");
    }
}
