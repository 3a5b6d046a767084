using System.Net;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Host.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Host.Installer;

/// <summary>
/// Turns the installer's page on while a window is open and off when it closes or expires, checking the window file
/// once a second. The page runs on Kestrel's own connections and threads; nothing on the door path waits for it. A
/// page that cannot start (the port is taken, a bad certificate) is logged and tried again every 30 s; it never stops
/// the agent.
/// </summary>
public sealed class InstallerPageService(
    EdgeOptions options, InstallerGate gate, InstallerViews views, IEventPort events, TimeProvider time, ILogger<InstallerPageService> logger)
    : BackgroundService
{
    private static readonly TimeSpan Check = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(30);

    private InstallerWebServer? _server;
    private long _failedAt;
    private bool _failed;

    /// <summary>Where the page listens while it is on (for the demo and tests); null while it is off.</summary>
    public Uri? Address => _server?.Address;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Check, time);
        try
        {
            do
            {
                await ReconcileAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await StopAsync("the agent stopped").ConfigureAwait(false);
        }
    }

    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        var window = gate.OpenWindow();
        if (window is null)
        {
            await StopAsync(null).ConfigureAwait(false);
            return;
        }
        if (_server is not null || (_failed && time.GetElapsedTime(_failedAt) < RetryAfterFailure))
            return;
        try
        {
            var certificate = InstallerCertificate.LoadOrCreate(options, time);
            try
            {
                _server = await InstallerWebServer.StartAsync(IPEndPoint.Parse(options.Installer.Bind), certificate, options.Device, gate, views, time, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                certificate.Dispose();
                throw;
            }
            _failed = false;
            logger.LogWarning("installer's page on at {Address} until {Until:O}", _server.Address, window.Until);
            await events.Emit(new InstallerEvent(time.GetUtcNow(), "enabled", window.Installer, null, $"on {_server.Address} until {WireNames.Timestamp(window.Until)}")).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Security.Cryptography.CryptographicException or InvalidOperationException or FormatException)
        {
            (_failed, _failedAt) = (true, time.GetTimestamp());
            logger.LogError("the installer's page cannot start on {Bind}: {Problem}; trying again in {Retry}", options.Installer.Bind, e.Message, RetryAfterFailure);
        }
    }

    private async Task StopAsync(string? why)
    {
        if (_server is not { } server)
            return;
        _server = null;
        await server.DisposeAsync().ConfigureAwait(false);
        logger.LogWarning("installer's page off ({Why})", why ?? "the window closed");
        await events.Emit(new InstallerEvent(time.GetUtcNow(), "disabled", null, null, why ?? "the window closed or expired")).ConfigureAwait(false);
    }
}
