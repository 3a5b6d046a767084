using Mailroom.Edge.Host.Composition;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Logging;
using Mailroom.Edge.Host.Systemd;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;

namespace Mailroom.Edge.Host.Composition;

/// <summary>Builds the agent's host from validated options; the configure callback lets the demo and tests swap adapters.</summary>
public static class EdgeAgentHost
{
    public static IHost Build(EdgeOptions options, Action<IServiceCollection>? configure = null, bool consoleLogs = true)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddSerilog(EdgeLogging.Create(options.Logs, consoleLogs), dispose: true);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Services.AddMailroomEdge(options);
        builder.Services.AddSystemdNotify();
        configure?.Invoke(builder.Services);
        return builder.Build();
    }
}
