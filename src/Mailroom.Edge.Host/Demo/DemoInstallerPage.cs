using System.Threading.Channels;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Installer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mailroom.Edge.Host.Demo;

/// <summary>
/// The demo opens the installer's page the way <c>mailroom-edge installer enable</c> does (a window with a one-time
/// setup code, on a free loopback port) and prints its address, code and fingerprint once the agent has it up, so a
/// newcomer can open it while the demo runs.
/// </summary>
internal static class DemoInstallerPage
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Opens a window for the demo's agent (before it starts); returns the setup code.</summary>
    public static string Open(EdgeOptions options)
    {
        options.Installer.Bind = "127.0.0.1:0";
        return new InstallerWindowFile(Path.Combine(options.DataDirectory, InstallerWindowFile.FileName)).OpenNew(DateTimeOffset.UtcNow.AddHours(1));
    }

    /// <summary>Waits for the page's <c>installer.enabled</c>, then prints how to open it.</summary>
    public static async Task PrintAsync(ChannelReader<AppendedEvent> events, IHost host, EdgeOptions options, string code, TextWriter output, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        try
        {
            while ((await events.ReadAsync(timeout.Token)).Event is not InstallerEvent { Kind: "enabled" })
            {
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            output.WriteLine("demo: the installer's page did not come up (see the log); the demo goes on without it");
            return;
        }
        using var certificate = InstallerCertificate.LoadOrCreate(options, TimeProvider.System);
        output.WriteLine($"demo: the installer's page, while the demo runs: {host.Services.GetRequiredService<InstallerPageService>().Address}");
        output.WriteLine($"      setup code {code}; certificate SHA-256 fingerprint {InstallerCertificate.Fingerprint(certificate)} (docs/installer.md)");
    }
}
