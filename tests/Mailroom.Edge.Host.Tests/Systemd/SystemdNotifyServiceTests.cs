using Mailroom.Edge.Host.Health;
using Mailroom.Edge.Host.Systemd;
using Mailroom.Edge.Testing;
using Mailroom.Edge.Testing.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Host.Tests.Systemd;

/// <summary>The notifier in a real host, against a real datagram socket, on the real clock with a short watchdog.</summary>
public sealed class SystemdNotifyServiceTests : IDisposable
{
    private static readonly TimeSpan Watchdog = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly LoggedErrors _errors = new();

    [Fact]
    public async Task Ready_only_after_every_loop_is_ready_then_pings_and_says_stopping()
    {
        using var systemd = NotifySocket.AtPath();
        var heartbeats = new LoopHeartbeats(TimeProvider.System);
        var reader = heartbeats.Register("reader front", TimeSpan.FromSeconds(5));
        using var host = BuildHost(systemd, heartbeats);

        await host.StartAsync();
        var beforeReady = await systemd.CollectAsync(TimeSpan.FromMilliseconds(500));
        Assert.DoesNotContain(beforeReady, d => d.Contains("READY=1", StringComparison.Ordinal));

        reader.MarkReady();
        var ready = await systemd.WaitForAsync("READY=1", Wait);
        Assert.Contains("STATUS=agent ok", ready[^1], StringComparison.Ordinal);
        await systemd.WaitForAsync("WATCHDOG=1", Wait);

        await host.StopAsync();
        await systemd.WaitForAsync("STOPPING=1", Wait);
    }

    [Fact]
    public async Task A_loop_stuck_inside_an_item_withholds_the_ping_and_an_idle_one_does_not()
    {
        using var systemd = NotifySocket.Abstract();
        var heartbeats = new LoopHeartbeats(TimeProvider.System);
        var reader = heartbeats.Register("reader front", TimeSpan.FromMilliseconds(200));
        reader.MarkReady();
        using var host = BuildHost(systemd, heartbeats);
        await host.StartAsync();
        await systemd.WaitForAsync("READY=1", Wait);

        // Idle (waiting for edges): still pinging, period after period.
        await systemd.WaitForAsync("WATCHDOG=1", Wait);
        await systemd.WaitForAsync("WATCHDOG=1", Wait);

        const string Stuck = "STATUS=unhealthy: reader front loop stuck";
        // The notifier logs each withheld ping as an error: that is what the stuck loop is for.
        _errors.Expect("Withholding the systemd watchdog ping");
        using (reader.Busy())
        {
            // Once the loop has been busy past its limit the notifier says so; from then on, while it stays stuck,
            // every period withholds the ping (what arrived before the first report may still be a ping).
            await systemd.WaitForLineStartingAsync(Stuck, Wait);
            var whileStuck = await systemd.WaitForLineStartingAsync(Stuck, Wait);
            Assert.DoesNotContain(whileStuck, d => d.Contains("WATCHDOG=1", StringComparison.Ordinal));
            Assert.StartsWith(Stuck, whileStuck[^1], StringComparison.Ordinal);
        }

        await systemd.WaitForAsync("WATCHDOG=1", Wait);
        await host.StopAsync();
    }

    [Fact]
    public async Task Without_NOTIFY_SOCKET_it_does_nothing()
    {
        var heartbeats = new LoopHeartbeats(TimeProvider.System);
        heartbeats.Register("publisher", TimeSpan.FromSeconds(1));
        using var host = BuildHost(null, heartbeats);

        await host.StartAsync();
        await host.StopAsync();
    }

    public void Dispose() => _errors.ThrowIfUnexpected();

    private IHost BuildHost(NotifySocket? systemd, LoopHeartbeats heartbeats)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<ILoggerFactory>(_errors);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.Services.AddHostedService(sp => new SystemdNotifyService(
            SystemdNotifier.Create(systemd?.Address),
            Watchdog,
            heartbeats,
            () => "agent ok",
            sp.GetRequiredService<IHostApplicationLifetime>(),
            TimeProvider.System,
            sp.GetRequiredService<ILogger<SystemdNotifyService>>()));
        return builder.Build();
    }
}
