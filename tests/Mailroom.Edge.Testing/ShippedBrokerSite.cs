using System.Diagnostics;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Mqtt;

namespace Mailroom.Edge.Testing;

/// <summary>
/// One site exactly as the installer sets it up: certificates and ACL made by the shipped deploy/mosquitto/make-certs.sh,
/// and a mosquitto running the shipped deploy/mosquitto/mailroom.conf, changed only in its file paths and its port
/// (loopback). Clients connect over mutual TLS with <see cref="Tls"/>.
/// </summary>
public sealed class ShippedBrokerSite : IAsyncDisposable
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _certs;

    private ShippedBrokerSite(TempDirectory certs, MosquittoBroker broker)
    {
        _certs = certs;
        Broker = broker;
    }

    public MosquittoBroker Broker { get; }

    /// <summary>The folder make-certs.sh wrote (ca.crt, device-NAME.crt/.key, operator-NAME.crt/.key, acl).</summary>
    public string CertificateFolder => _certs.Path;

    public string CaFile => _certs.File("ca.crt");

    /// <summary>The acl file as make-certs.sh wrote it, for assertion messages.</summary>
    public string Acl => File.ReadAllText(_certs.File("acl"));

    /// <summary>The certificate file of <paramref name="identity"/> (<c>device-NAME</c> or <c>operator-NAME</c>).</summary>
    public string CertFile(string identity) => _certs.File($"{identity}.crt");

    public string KeyFile(string identity) => _certs.File($"{identity}.key");

    /// <summary>Mutual TLS as <paramref name="identity"/> (<c>device-NAME</c> or <c>operator-NAME</c>).</summary>
    public MqttTlsSettings Tls(string identity) => new() { CaFile = CaFile, CertFile = CertFile(identity), KeyFile = KeyFile(identity) };

    /// <summary>Runs make-certs.sh for <paramref name="site"/> (broker host 127.0.0.1) and starts the broker.</summary>
    public static async Task<ShippedBrokerSite> StartAsync(string site, IEnumerable<string> devices, IEnumerable<string> operators)
    {
        var certs = new TempDirectory("mailroom-certs");
        try
        {
            var arguments = new List<string> { "--out", certs.Path, "--site", site, "--broker-host", "127.0.0.1" };
            foreach (var device in devices)
                arguments.AddRange(["--device", device]);
            foreach (var name in operators)
                arguments.AddRange(["--operator", name]);
            await RunScriptAsync(RepositoryFile("deploy/mosquitto/make-certs.sh"), arguments);
            var conf = await File.ReadAllTextAsync(RepositoryFile("deploy/mosquitto/mailroom.conf"));
            var broker = await MosquittoBroker.StartAsync(options: new MosquittoBrokerOptions
            {
                Listener = port => conf
                    .Replace("/etc/mosquitto/mailroom", certs.Path, StringComparison.Ordinal)
                    .Replace("listener 8883", $"listener {port} 127.0.0.1", StringComparison.Ordinal),
            });
            return new ShippedBrokerSite(certs, broker);
        }
        catch
        {
            certs.Dispose();
            throw;
        }
    }

    /// <summary>A file of this repository, found by walking up from the test assembly to Mailroom.Edge.sln.</summary>
    public static string RepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mailroom.Edge.sln")))
                return Path.Combine(dir.FullName, relative);
        }
        throw new InvalidOperationException($"no Mailroom.Edge.sln above {AppContext.BaseDirectory}");
    }

    public async ValueTask DisposeAsync()
    {
        await Broker.DisposeAsync();
        _certs.Dispose();
    }

    private static async Task RunScriptAsync(string script, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(ScriptTimeout);
        await process.WaitForExitAsync(cancel.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{script} failed ({process.ExitCode}): {await stdout}{await stderr}");
    }
}
