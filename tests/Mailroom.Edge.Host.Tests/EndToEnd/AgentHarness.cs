using System.Device.I2c;
using System.Threading.Channels;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Gpio.Simulated;
using Mailroom.Edge.Host.Composition;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Demo;
using Mailroom.Edge.Storage.Outbox;
using Mailroom.Edge.Testing;
using Mailroom.Edge.Testing.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Host.Tests.EndToEnd;

/// <summary>
/// The real agent (the host as <c>run</c> builds it) on a simulated chip with the demo's door, reader and credentials,
/// against a broker port of the test's choosing. Everything a test awaits is a signal, never a sleep. Disposing it
/// fails the test if the agent logged an error the test did not declare with <see cref="ExpectError"/>.
/// </summary>
internal sealed class AgentHarness : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly TempDirectory? _data;
    private readonly SignalRecorder<OutputChange> _outputs = new();

    private AgentHarness(TempDirectory? data, EdgeOptions options, Action<IServiceCollection>? services, Func<ExpanderOptions, int, I2cDevice>? expanders)
    {
        _data = data;
        Options = options;
        Chip = new SimulatedGpioChip(TimeProvider.System);
        Chip.OutputChanged += _outputs.Add;
        Host = EdgeAgentHost.Build(options, s =>
        {
            if (expanders is null)
                s.UseSimulatedChip(Chip);
            else
                s.UseSimulatedChip(Chip, expanders);
            s.AddSingleton<ILoggerProvider>(Errors);
            services?.Invoke(s);
        }, consoleLogs: false);
        Events = Host.Services.GetRequiredService<EventDispatcher>().Subscribe();
        Reader = new SimulatedWiegandReader(Chip, Chip.ResolveLine("GPIO23"), Chip.ResolveLine("GPIO24"), TimeProvider.System);
    }

    public EdgeOptions Options { get; }

    /// <summary>Every error the agent logged; checked when the harness is disposed.</summary>
    public LoggedErrors Errors { get; } = new();

    public SimulatedGpioChip Chip { get; }

    public IHost Host { get; }

    public ChannelReader<AppendedEvent> Events { get; }

    public SimulatedWiegandReader Reader { get; }

    public SqliteOutbox Outbox => Host.Services.GetRequiredService<SqliteOutbox>();

    /// <summary>An outbox row as the file holds it, after the outbox's queued marks are committed.</summary>
    public OutboxRowState? OutboxRow(long seq) => OutboxFile.RowState(Outbox, Path.Combine(Options.DataDirectory, EdgeServices.OutboxFile), seq);

    public OutboxPublisherState Publisher => Host.Services.GetRequiredService<OutboxPublisher>().State;

    public IReadOnlyList<OutputChange> StrikeChanges => _outputs.Snapshot().Where(c => c.Offset == Chip.ResolveLine("GPIO17")).ToList();

    /// <summary>Starts the agent; <paramref name="services"/> may replace adapters (a simulated NFC chip's bus, say).</summary>
    public static async Task<AgentHarness> StartAsync(int brokerPort, Action<EdgeOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var data = new TempDirectory("mailroom-agent");
        return await StartAsync(data, data.Path, brokerPort, configure, services, null);
    }

    /// <summary>Starts the agent with the configured I/O expanders on the I2C devices <paramref name="expanders"/>
    /// gives for (bus, address): simulated register files.</summary>
    public static async Task<AgentHarness> StartWithExpandersAsync(int brokerPort, Func<ExpanderOptions, int, I2cDevice> expanders, Action<EdgeOptions> configure)
    {
        var data = new TempDirectory("mailroom-agent");
        return await StartAsync(data, data.Path, brokerPort, configure, null, expanders);
    }

    /// <summary>Starts the agent on a data directory the test owns (and keeps after dispose), e.g. a small tmpfs.</summary>
    public static Task<AgentHarness> StartInAsync(string dataDirectory, int brokerPort, Action<EdgeOptions>? configure = null) =>
        StartAsync(null, dataDirectory, brokerPort, configure, null, null);

    private static async Task<AgentHarness> StartAsync(TempDirectory? data, string dataDirectory, int brokerPort, Action<EdgeOptions>? configure,
        Action<IServiceCollection>? services, Func<ExpanderOptions, int, I2cDevice>? expanders)
    {
        var options = DemoOptions.Create(dataDirectory, "127.0.0.1", brokerPort);
        configure?.Invoke(options);
        var harness = new AgentHarness(data, options, services, expanders);
        // Started off xunit's synchronization context, as in production where there is none: the agent's loops must
        // not be scheduled on the test framework's two worker threads.
        await Task.Run(() => harness.Host.StartAsync());
        return harness;
    }

    /// <summary>Presents an H10301 card (facility 42) and returns the access event it produced.</summary>
    public async Task<AppendedEvent> SwipeAsync(ulong number)
    {
        await Reader.SendAsync(CardFormatCodec.Encode(CardFormats.H10301, 42, number));
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            var appended = await Events.ReadAsync(timeout.Token);
            if (appended.Event.Category == EventCategory.Access)
                return appended;
        }
    }

    /// <summary>Declares an error the test provokes on purpose (see <see cref="LoggedErrors.Expect"/>).</summary>
    public AgentHarness ExpectError(string substring)
    {
        Errors.Expect(substring);
        return this;
    }

    public Task<OutputChange> WaitForStrikeAsync(bool active, long afterNs = long.MinValue) =>
        _outputs.WaitForAsync(c => c.Offset == Chip.ResolveLine("GPIO17") && c.Active == active && c.TimestampNs > afterNs, Timeout);

    /// <summary>Completes when the agent is connected and the broker has acknowledged every subscription it makes
    /// (commands, credential sync): only then does a message published to the agent reach it.</summary>
    public Task WaitUntilSubscribedAsync() =>
        WaitUntilAsync(() => Publisher.Subscribed, "the agent is connected and its subscriptions are acknowledged");

    /// <summary>Completes when <paramref name="condition"/> holds, re-checked whenever the publisher's state changes.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var met = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (condition())
                met.TrySetResult();
        }
        Publisher.Changed += Check;
        try
        {
            Check();
            await met.Task.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"timed out waiting until {what}");
        }
        finally
        {
            Publisher.Changed -= Check;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Host.StopAsync();
            Host.Dispose();
        }
        finally
        {
            _data?.Dispose();
        }
        // After the stop, so that errors logged while shutting down count too.
        Errors.ThrowIfUnexpected();
    }
}
