using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Gpio.Simulated;
using Mailroom.Edge.Host.Agent;
using Mailroom.Edge.Host.Commands;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Mqtt;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Storage.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Mailroom.Edge.Host.Composition;

/// <summary>The composition root's service registrations: one place that decides which adapter serves which port.</summary>
public static class EdgeServices
{
    public const string OutboxFile = "outbox.db";
    public const string CredentialsFile = "credentials.db";

    public static IServiceCollection AddMailroomEdge(this IServiceCollection services, EdgeOptions options)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(new DeviceIdentity(options.Site, options.Device));

        services.TryAddSingleton<IGpioChip>(sp => GpioChips.Open(options.Gpio.Chip, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<DoorHardware>();

        services.AddSingleton(sp => new SqliteOutbox(
            Path.Combine(options.DataDirectory, OutboxFile),
            sp.GetRequiredService<DeviceIdentity>(),
            sp.GetRequiredService<TimeProvider>(),
            options.Outbox.Durability));
        services.AddSingleton<IOutbox>(sp => sp.GetRequiredService<SqliteOutbox>());
        services.AddSingleton(sp => new BootInfo(sp.GetRequiredService<SqliteOutbox>().IncrementBootCounter()));
        services.AddSingleton(sp => new EventDispatcher(sp.GetRequiredService<SqliteOutbox>()));
        services.AddSingleton<IEventSink>(sp => sp.GetRequiredService<EventDispatcher>());

        services.AddSingleton(sp => OpenCredentials(options));
        services.AddSingleton<ICredentialStore>(sp => sp.GetRequiredService<SqliteCredentialStore>());
        services.AddSingleton<AccessPolicy>();

        services.TryAddSingleton<IMqttTransport>(sp => new MosquittoTransport(MqttSettings(options, sp.GetRequiredService<BootInfo>(), sp.GetRequiredService<TimeProvider>())));
        services.AddSingleton(sp => new OutboxPublisher(
            sp.GetRequiredService<IOutbox>(),
            sp.GetRequiredService<IMqttTransport>(),
            sp.GetRequiredService<DeviceIdentity>(),
            sp.GetRequiredService<BootInfo>().Boot,
            sp.GetRequiredService<TimeProvider>(),
            options.Mqtt.InflightWindow,
            sp.GetService<IIncomingMessageHandler>()));

        // Order matters: the strikes are requested (safe state) when the reader service is built, before any input.
        services.AddHostedService<ReaderService>();
        services.AddHostedService<PublisherService>();
        services.AddMailroomCommands(options);
        return services;
    }

    /// <summary>Uses a simulated chip instead of the configured one (demo, tests, simulator).</summary>
    public static IServiceCollection UseSimulatedChip(this IServiceCollection services, SimulatedGpioChip chip)
    {
        services.RemoveAll<IGpioChip>();
        services.AddSingleton<IGpioChip>(chip);
        return services;
    }

    private static SqliteCredentialStore OpenCredentials(EdgeOptions options)
    {
        var store = new SqliteCredentialStore(Path.Combine(options.DataDirectory, CredentialsFile));
        if (options.Credentials.SeedCsv is { Length: > 0 } seed)
        {
            using var reader = File.OpenText(seed);
            store.ReplaceAll(CredentialCsv.Parse(reader));
        }
        return store;
    }

    internal static MqttConnectionSettings MqttSettings(EdgeOptions options, BootInfo boot, TimeProvider time)
    {
        var device = new DeviceIdentity(options.Site, options.Device);
        return new MqttConnectionSettings
        {
            Host = options.Mqtt.Host,
            Port = options.Mqtt.Port,
            ClientId = options.Mqtt.ClientId ?? $"mailroom-edge-{options.Site}-{options.Device}",
            KeepAlive = options.Mqtt.KeepAlive,
            ProtocolVersion = options.Mqtt.ProtocolVersion,
            Username = options.Mqtt.Username,
            Password = options.Mqtt.Password,
            ReconnectDelayMin = options.Mqtt.ReconnectDelayMin,
            ReconnectDelayMax = options.Mqtt.ReconnectDelayMax,
            MaxInflight = options.Mqtt.InflightWindow,
            Will = new MqttWill(device.StatusTopic, EventSerializer.Status(false, boot.Boot, time.GetUtcNow()), 1, true),
        };
    }
}
