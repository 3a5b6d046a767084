using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Host.Systemd;

/// <summary>Registers the loop heartbeats and the systemd notifier; the notifier is inert when NOTIFY_SOCKET is unset.</summary>
public static class SystemdServices
{
    /// <summary>Call after <c>AddMailroomEdge</c>: the status line reads the agent's options and publisher.</summary>
    public static IServiceCollection AddSystemdNotify(this IServiceCollection services)
    {
        services.TryAddSingleton<LoopHeartbeats>();
        services.AddHostedService(sp =>
        {
            var options = sp.GetRequiredService<EdgeOptions>();
            var publisher = sp.GetRequiredService<OutboxPublisher>();
            return new SystemdNotifyService(
                SystemdNotifier.FromEnvironment(),
                SystemdNotifier.WatchdogTimeout(Environment.GetEnvironmentVariable("WATCHDOG_USEC"), Environment.GetEnvironmentVariable("WATCHDOG_PID"), Environment.ProcessId),
                sp.GetRequiredService<LoopHeartbeats>(),
                () => AgentStatusLine.Describe(options, publisher.State, sp.GetService<CredentialFreshness>()),
                sp.GetRequiredService<IHostApplicationLifetime>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<SystemdNotifyService>>());
        });
        return services;
    }
}
