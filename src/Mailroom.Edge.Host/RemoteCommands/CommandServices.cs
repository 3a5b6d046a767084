using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Host.Clock;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Storage.Commands;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mailroom.Edge.Host.RemoteCommands;

/// <summary>Registrations for remote commands: the authority pipeline and the handlers (the publisher's
/// <see cref="InboundRouter"/> queues the command messages, see EdgeServices).</summary>
public static class CommandServices
{
    public const string LedgerFile = "commands.db";

    public static IServiceCollection AddMailroomCommands(this IServiceCollection services, EdgeOptions options)
    {
        if (!options.Commands.Enabled)
            return services;
        services.TryAddSingleton<IClockSync>(new SystemClockSync(options.Commands.ClockSynchronised));
        // One connection for the ledger and the inbox (see CommandDatabase: a second one fails on a full disk).
        services.AddSingleton(_ => new CommandDatabase(Path.Combine(options.DataDirectory, LedgerFile)));
        services.AddSingleton(sp => new SqliteCommandLedger(sp.GetRequiredService<CommandDatabase>()));
        services.AddSingleton<ICommandLedger>(sp => sp.GetRequiredService<SqliteCommandLedger>());
        services.AddSingleton(sp => new SqliteCommandInbox(sp.GetRequiredService<CommandDatabase>()));
        services.AddSingleton<IAcknowledgementGate, CommandReceiptGate>();
        services.AddSingleton<CommandRecovery>();
        services.AddSingleton<ICommandHandler, UnlockCommandHandler>();
        services.AddSingleton<ICommandHandler, LockdownCommandHandler>();
        services.AddSingleton<ICommandHandler, DoorModeCommandHandler>();
        services.AddSingleton<ICommandHandler, DiagnosticsCommandHandler>();
        services.AddSingleton<ICommandHandler, ConfigCommandHandler>();
        services.AddSingleton<ICommandHandler, CredentialsCommandHandler>();
        services.AddSingleton<ICommandHandler, ReplayCommandHandler>();
        services.AddSingleton<ICommandHandler, OsdpInstallCommandHandler>();
        services.AddSingleton<ICommandHandler, InstallerCommandHandler>();
        // The clip handler needs the recorder, which exists only with cameras; without them clip is answered not_supported.
        if (options.Cameras.Count > 0)
            services.AddSingleton<ICommandHandler, ClipCommandHandler>();
        services.AddSingleton(sp => new CommandProcessor(
            sp.GetRequiredService<DeviceIdentity>(),
            options.Commands.ToPolicy(),
            options.Commands.ToKeyRing(),
            sp.GetRequiredService<ICommandLedger>(),
            sp.GetRequiredService<IClockSync>(),
            sp.GetServices<ICommandHandler>(),
            sp.GetRequiredService<IEventPort>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<CommandService>();
        return services;
    }
}
