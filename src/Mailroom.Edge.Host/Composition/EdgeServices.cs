using System.Device.I2c;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Core.Readers.Osdp;
using Mailroom.Edge.Core.Schedules;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Devices.Nfc;
using Mailroom.Edge.Gpio.Expanders;
using Mailroom.Edge.Gpio.Observed;
using Mailroom.Edge.Gpio.Simulated;
using Mailroom.Edge.Host.Clock;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Doors;
using Mailroom.Edge.Host.Events;
using Mailroom.Edge.Host.Health;
using Mailroom.Edge.Host.Installer;
using Mailroom.Edge.Host.Osdp;
using Mailroom.Edge.Host.RemoteCommands;
using Mailroom.Edge.Host.Services;
using Mailroom.Edge.Mqtt;
using Mailroom.Edge.Storage.AccessState;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Storage.Outbox;
using Mailroom.Edge.Storage.SyncProtocol;
using Mailroom.Edge.Video;
using Mailroom.Edge.Video.Delivery;
using Mailroom.Edge.Video.Evidence;
using Mailroom.Edge.Video.Probing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Host.Composition;

/// <summary>The composition root's service registrations: one place that decides which adapter serves which port.</summary>
public static class EdgeServices
{
    public const string OutboxFile = "outbox.db";
    public const string CredentialsFile = "credentials.db";
    public const string AccessStateFile = "access-state.db";

    public static IServiceCollection AddMailroomEdge(this IServiceCollection services, EdgeOptions options)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(new DeviceIdentity(options.Site, options.Device));

        services.TryAddSingleton<IGpioChip>(sp => GpioChips.Open(options.Gpio, sp.GetRequiredService<TimeProvider>(), ExpanderFaultLog(sp)));
        // The doors hold their lines through this, so the installer's I/O view can show them live.
        services.AddSingleton(sp => new ObservedGpioChip(sp.GetRequiredService<IGpioChip>()));

        services.AddSingleton(sp => OpenOutbox(options, sp));
        services.AddSingleton<IOutbox>(sp => sp.GetRequiredService<SqliteOutbox>());
        services.AddSingleton(sp => new BootInfo(sp.GetRequiredService<SqliteOutbox>().IncrementBootCounter()));
        services.AddSingleton<IEventSink>(sp => sp.GetRequiredService<SqliteOutbox>());
        services.AddSingleton<EventDispatcher>();
        services.AddSingleton<EventPipeline>();
        services.AddSingleton<IEventPort>(sp => sp.GetRequiredService<EventPipeline>());

        services.AddSingleton(sp => OpenCredentials(options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SqliteCredentialStore>>()));
        services.AddSingleton<ICredentialStore>(sp => sp.GetRequiredService<SqliteCredentialStore>());
        services.AddSingleton<ICredentialListInfo>(sp => sp.GetRequiredService<SqliteCredentialStore>());
        services.AddSingleton(sp => new CredentialFreshness(
            sp.GetRequiredService<ICredentialListInfo>(), options.Credentials.MaxAge, options.Credentials.WhenStale, sp.GetRequiredService<TimeProvider>()));
        // Filled by the signed credentials command, read by the sync loop (docs/security.md, "Credential sync").
        services.AddSingleton(sp => new CredentialSyncAuthorisations(sp.GetRequiredService<TimeProvider>(), options.Credentials.SnapshotTimeout));
        services.TryAddSingleton<IClockStatus>(sp => options.Clock.Source == "Timesyncd" ? new TimesyncdClockStatus(time: sp.GetRequiredService<TimeProvider>()) : new FixedClockStatus(true));
        services.AddSingleton(_ => new SqliteAccessState(Path.Combine(options.DataDirectory, AccessStateFile)));
        services.AddSingleton(sp => new DoorAssembly(sp.GetRequiredService<ObservedGpioChip>(), options,
            new AccessSources(
                sp.GetRequiredService<ICredentialStore>(),
                options.Credentials.EffectivePinIndexKey() is null ? null : sp.GetRequiredService<SqliteCredentialStore>(),
                sp.GetRequiredService<IClockStatus>(),
                sp.GetRequiredService<CredentialFreshness>(),
                sp.GetRequiredService<SqliteAccessState>(),
                sp.GetRequiredService<SqliteAccessState>()),
            sp.GetRequiredService<IEventPort>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ReaderDiagnosticsRegistry>().For,
            sp.GetRequiredService<OsdpKeyFile>(), sp.GetRequiredService<NfcBusOpener>()));
        services.TryAddSingleton<NfcBusOpener>();
        services.AddSingleton(_ => new OsdpKeyFile(Path.Combine(options.DataDirectory, OsdpKeyFile.FileName)));

        services.TryAddSingleton<IMqttTransport>(sp => new MosquittoTransport(MqttSettings(options, sp.GetRequiredService<BootInfo>(), sp.GetRequiredService<TimeProvider>()) with
        {
            AcknowledgementGate = sp.GetService<IAcknowledgementGate>(),
        }));
        // The publisher's parts: one connection, one in-flight window shared by live rows and replays, one loop.
        services.AddSingleton(sp => new BrokerSession(
            sp.GetRequiredService<IMqttTransport>(), sp.GetRequiredService<DeviceIdentity>(), sp.GetRequiredService<BootInfo>().Boot, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new InboundRouter(
            sp.GetRequiredService<IMqttTransport>(), options.Commands.Enabled ? CommandProcessor.TopicFilter(sp.GetRequiredService<DeviceIdentity>()) : null));
        services.AddSingleton<IIncomingMessages>(sp => sp.GetRequiredService<InboundRouter>());
        services.AddSingleton(new ReplayQueue());
        services.AddSingleton(sp => new DeadLetterAlarms(sp.GetRequiredService<BrokerSession>(), sp.GetRequiredService<IEventPort>()));
        services.AddSingleton(sp => new InflightWindow(
            sp.GetRequiredService<BrokerSession>(),
            sp.GetRequiredService<IOutbox>(),
            sp.GetRequiredService<DeadLetterAlarms>(),
            new OutboxPublisherOptions { InflightWindow = options.Mqtt.InflightWindow, RepublishAfter = options.Mqtt.RepublishAfter }));
        services.AddSingleton(sp => new HealthReporter(
            sp.GetRequiredService<BrokerSession>(), sp.GetRequiredService<IOutbox>(), options.Mqtt.HealthInterval, sp.GetServices<IHealthContributor>()));
        services.AddSingleton(sp => new ReplayResponder(
            sp.GetRequiredService<BrokerSession>(), sp.GetRequiredService<InflightWindow>(), sp.GetRequiredService<ReplayQueue>()));
        services.AddSingleton(sp => new OutboxPublisher(
            sp.GetRequiredService<BrokerSession>(),
            sp.GetRequiredService<InflightWindow>(),
            sp.GetRequiredService<DeadLetterAlarms>(),
            sp.GetRequiredService<HealthReporter>(),
            sp.GetRequiredService<InboundRouter>(),
            sp.GetRequiredService<ReplayResponder>()));
        services.TryAddSingleton<LoopHeartbeats>();
        services.AddSingleton<IHealthContributor>(new SystemHealthContributor(options.DataDirectory));
        services.AddSingleton<ReaderDiagnosticsRegistry>();
        services.AddSingleton<IHealthContributor, ReaderHealthContributor>();
        services.AddSingleton<IHealthContributor, CredentialHealthContributor>();
        services.AddSingleton<IHealthContributor, AssessmentHealthContributor>();
        services.AddSingleton<IHealthContributor, OsdpHealthContributor>();
        services.AddSingleton<IHealthContributor, NfcHealthContributor>();
        services.TryAddSingleton<Func<string, int, IOsdpLink>>(_ => SerialOsdpLink.Open);

        // Order matters: the door assembly (strikes in their safe state first) is built with the reader service, before any input.
        services.AddHostedService<ReaderService>();
        services.AddHostedService<DoorInputService>();
        services.AddHostedService<OsdpService>();
        services.AddHostedService<NfcService>();
        services.AddHostedService<MatrixKeypadService>();
        // The installer's page: off until a window is opened (mailroom-edge installer enable).
        services.AddSingleton(_ => new InstallerWindowFile(Path.Combine(options.DataDirectory, InstallerWindowFile.FileName)));
        services.AddSingleton<InstallerGate>();
        services.AddSingleton<InstallerOverview>();
        services.AddSingleton<InstallerDoors>();
        services.AddSingleton<InstallerReports>();
        // The recorder exists only when cameras are configured.
        services.AddSingleton(sp => new InstallerCameras(options.Cameras.Count == 0 ? null : sp.GetRequiredService<Mailroom.Edge.Video.VideoRecorder>()));
        services.AddSingleton<InstallerIo>();
        services.AddSingleton<InstallerReaders>();
        services.AddSingleton<InstallerViews>();
        services.AddSingleton<InstallerPageService>();
        services.AddHostedService(sp => sp.GetRequiredService<InstallerPageService>());
        services.AddHostedService<PublisherService>();
        services.AddHostedService<CredentialSyncService>();
        services.AddHostedService<RetainedStatePublisher>();
        if (options.Cameras.Count > 0)
            services.AddMailroomVideo(options);
        services.AddMailroomCommands(options);
        return services;
    }

    /// <summary>The camera recorders and their trigger feed; only registered when cameras are configured.</summary>
    private static void AddMailroomVideo(this IServiceCollection services, EdgeOptions options)
    {
        services.AddSingleton(sp => new VideoRecorder(
            VideoSettingsFrom(options),
            [.. options.Cameras.Select(c => new CameraSettings(c.Key, c.Value.Url, c.Value.Doors, c.Value.PreRoll, c.Value.PostRoll, c.Value.EffectiveTriggers, c.Value.Audio,
                c.Value.Evidence.Categories.Count == 0 ? null : new EvidenceRule(c.Value.Evidence.Categories, c.Value.Evidence.Clip)))],
            sp.GetRequiredService<IEventPort>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>(),
            FfprobeCameraProbe.For(VideoSettingsFrom(options))));
        services.AddSingleton<IHealthContributor>(sp =>
        {
            var video = sp.GetRequiredService<VideoRecorder>();
            return new CameraHealthContributor(() => video.Health);
        });
        services.AddSingleton<IHealthContributor>(sp =>
        {
            var holds = sp.GetRequiredService<VideoRecorder>().Holds;
            return new ClipHealthContributor(holds.Held);
        });
        if (options.Video.DeliverClips)
        {
            // Its own MQTT connection, so megabytes of video never queue in front of access events; no will (status is the main connection's).
            services.AddSingleton(sp => new ClipUploader(
                sp.GetRequiredService<VideoRecorder>().Store,
                new MosquittoTransport(MqttSettings(options, sp.GetRequiredService<BootInfo>(), sp.GetRequiredService<TimeProvider>()) with
                {
                    ClientId = (options.Mqtt.ClientId ?? $"mailroom-edge-{options.Site}-{options.Device}") + "-clips",
                    Will = null,
                }),
                sp.GetRequiredService<DeviceIdentity>(),
                sp.GetRequiredService<IEventPort>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<ClipUploader>(),
                options.Video.ChunkBytes,
                ackTimeout: options.Video.AckTimeout));
        }
        services.AddHostedService<VideoService>();
    }

    internal static VideoSettings VideoSettingsFrom(EdgeOptions options) => new()
    {
        RingDirectory = options.Video.RingDirectory,
        ClipDirectory = options.Video.ClipDirectory is { Length: > 0 } clips ? clips : Path.Combine(options.DataDirectory, "clips"),
        FfmpegPath = options.Video.FfmpegPath,
        SegmentLength = options.Video.SegmentLength,
        RtspTimeout = options.Video.RtspTimeout,
        StallTimeout = options.Video.StallTimeout,
        RestartDelayMin = options.Video.RestartDelayMin,
        RestartDelayMax = options.Video.RestartDelayMax,
        ClipQuotaBytes = options.Video.ClipQuotaBytes,
        ClipMaxAge = options.Video.ClipMaxAge,
        MinFreeBytes = options.Video.MinFreeBytes,
        RingSeconds = TimeSpan.FromSeconds(options.Video.RingSeconds),
    };

    /// <summary>Uses a simulated chip instead of the configured one (demo, tests, simulator).</summary>
    public static IServiceCollection UseSimulatedChip(this IServiceCollection services, SimulatedGpioChip chip)
    {
        services.RemoveAll<IGpioChip>();
        services.AddSingleton<IGpioChip>(chip);
        return services;
    }

    /// <summary>Uses a simulated SoC chip with the configured expanders on I2C devices the caller provides (simulated
    /// register files in tests), composed exactly as on a device.</summary>
    public static IServiceCollection UseSimulatedChip(this IServiceCollection services, SimulatedGpioChip chip, Func<ExpanderOptions, int, I2cDevice> openExpander)
    {
        services.RemoveAll<IGpioChip>();
        services.AddSingleton<IGpioChip>(sp => GpioChips.WithExpanders(chip, sp.GetRequiredService<EdgeOptions>().Gpio, openExpander,
            sp.GetRequiredService<TimeProvider>(), ExpanderFaultLog(sp)));
        return services;
    }

    /// <summary>A failed read after an expander's interrupt is retried by the expander; the log says why inputs lag.</summary>
    private static Action<ExpanderBusException> ExpanderFaultLog(IServiceProvider sp)
    {
        var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Mailroom.Edge.Gpio.Expanders");
        return fault => logger.LogError(fault, "I/O expander bus error: {Message}", fault.Message);
    }

    private static SqliteOutbox OpenOutbox(EdgeOptions options, IServiceProvider sp)
    {
        var outbox = new SqliteOutbox(
            Path.Combine(options.DataDirectory, OutboxFile),
            sp.GetRequiredService<DeviceIdentity>(),
            sp.GetRequiredService<TimeProvider>(),
            new OutboxSettings
            {
                Durability = options.Outbox.Durability,
                MaxRows = options.Outbox.MaxRows,
                MaxBytes = options.Outbox.MaxBytes,
                ReplayMaxAge = options.Outbox.ReplayMaxAge,
                ReplayMaxBytes = options.Outbox.ReplayMaxBytes,
                OverflowReportInterval = options.Outbox.OverflowReportInterval,
                MaxHeldInMemory = options.Outbox.MaxHeldInMemory,
            });
        var logger = sp.GetRequiredService<ILogger<SqliteOutbox>>();
        outbox.StorageConditionChanged += (failing, error) =>
        {
            if (failing)
                logger.LogError("The outbox cannot write: {Error}. Doors keep working; events are held in memory until space returns", error);
            else
                logger.LogWarning("The outbox writes again; events held in memory were written");
        };
        return outbox;
    }

    internal static SqliteCredentialStore OpenCredentials(EdgeOptions options, TimeProvider time, ILogger logger)
    {
        var store = new SqliteCredentialStore(Path.Combine(options.DataDirectory, CredentialsFile), time, pinIndexKey: options.Credentials.EffectivePinIndexKey());
        // Once the server has synced a list (version > 0) it is the authority; the seed would throw its list away.
        if (options.Credentials.SeedCsv is { Length: > 0 } seed && store.Status.Version == 0)
        {
            try
            {
                using var reader = File.OpenText(seed);
                store.ReplaceAll(CredentialCsv.Parse(reader));
            }
            catch (Microsoft.Data.Sqlite.SqliteException e)
            {
                // A full disk must not keep the doors from starting: the list already in the file (the seed of a previous
                // start, if any) decides until the next start; the failed replacement left it untouched.
                logger.LogError("The credential seed {Seed} could not be written ({Error}); the {Count} credentials already stored decide",
                    seed, e.Message, store.Status.Count);
            }
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
            ReconnectJitter = options.Mqtt.ReconnectJitter,
            CleanStart = options.Mqtt.CleanStart,
            SessionExpiry = options.Mqtt.SessionExpiry,
            Tls = options.Mqtt.Tls.Enabled
                ? new MqttTlsSettings
                {
                    CaFile = options.Mqtt.Tls.CaFile,
                    CaPath = options.Mqtt.Tls.CaPath,
                    UseOsCertificates = options.Mqtt.Tls.UseOsCertificates,
                    CertFile = options.Mqtt.Tls.CertFile,
                    KeyFile = options.Mqtt.Tls.KeyFile,
                }
                : null,
            Will = new MqttWill(device.StatusTopic, EventSerializer.Status(false, boot.Boot, time.GetUtcNow()), 1, true),
        };
    }
}
