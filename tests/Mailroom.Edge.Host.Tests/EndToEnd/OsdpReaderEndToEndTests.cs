using System.Text.Json;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Osdp;
using Mailroom.Edge.Core.Readers.Osdp.Panel;
using Mailroom.Edge.Core.Readers.Osdp.Simulation;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Doors;
using Mailroom.Edge.Host.Osdp;
using Mailroom.Edge.Host.Tests.Osdp;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Mailroom.Edge.Host.Tests.EndToEnd;

/// <summary>
/// The real agent with an OSDP reader on a real tty: a socat pseudo-terminal pair stands in for the RS-485 bus, the
/// agent's serial code on one end, the simulated reader (through the same serial code) on the other, a real broker.
/// </summary>
public sealed class OsdpReaderEndToEndTests : IAsyncLifetime
{
    private const string Root = "mailroom/v1/demo/edge-1";
    private const string ReaderName = "front-osdp";
    private static readonly byte[] SiteKey = Convert.FromHexString("00112233445566778899AABBCCDDEEFF");
    private PtyReaderBus _line = null!;

    public async Task InitializeAsync() => _line = await PtyReaderBus.StartAsync();

    private OsdpReaderSimulator StartReader(OsdpReaderSimulatorOptions options)
    {
        var reader = new OsdpReaderSimulator(options);
        _reader = reader;
        _line.Serve(115200, reader);
        return reader;
    }

    private void Configure(EdgeOptions options, OsdpSecurity security = OsdpSecurity.SecureChannel, bool keyed = true)
    {
        options.Readers[ReaderName] = new ReaderOptions
        {
            Door = "front", Kind = ReaderKind.Osdp, Port = _line.PanelSide, Baud = 115200, Address = 3, Security = security,
        };
        if (keyed)
            new OsdpKeyFile(Path.Combine(options.DataDirectory, OsdpKeyFile.FileName)).Save(ReaderName, SiteKey);
    }

    /// <summary>Completes when the reader has handled a command with <paramref name="code"/> for which
    /// <paramref name="condition"/> holds (checked on the bus's thread right after it).</summary>
    private static Task CommandAsync(OsdpReaderSimulator reader, byte code, Func<bool>? condition = null)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        reader.CommandHandled += c =>
        {
            if (c == code && (condition?.Invoke() ?? true))
                seen.TrySetResult();
        };
        return seen.Task.WaitAsync(AgentHarness.Timeout);
    }

    private OsdpReaderSimulator? _reader;
    private readonly List<string> _waited = [];

    private async Task<AppendedEvent> NextAsync(AgentHarness agent, Func<AppendedEvent, bool> wanted)
    {
        using var timeout = new CancellationTokenSource(AgentHarness.Timeout);
        var seen = new List<string>();
        try
        {
            while (true)
            {
                var appended = await agent.Events.ReadAsync(timeout.Token);
                seen.Add(appended.Event.Type);
                if (wanted(appended))
                {
                    _waited.Add(appended.Event.Type);
                    return appended;
                }
            }
        }
        catch (OperationCanceledException)
        {
            var session = agent.Host.Services.GetRequiredService<DoorAssembly>().OsdpBuses.Single().Readers.Single();
            var c = session.Counters.Snapshot();
            throw new TimeoutException($"waiting after {string.Join(",", _waited)}: events seen: {string.Join(", ", seen)}; panel: {session.State}, installing {session.Installing}, " +
                $"polls {c.Polls}, timeouts {c.Timeouts}, bad {c.BadPackets}, mac {c.MacErrors}, seq {c.SequenceErrors}, handshakes {c.Handshakes}, " +
                $"naks {string.Join(",", c.Naks.Select(n => $"{n.Key}:{n.Value}"))}; reader: commands {_reader?.Commands}, sessions {_reader?.Sessions}, " +
                $"install {_reader?.InstallMode}, bad {_reader?.BadPackets}, mac failures {_reader?.MacFailures}, repeated {_reader?.RepeatedReplies}");
        }
    }

    [Fact]
    public async Task A_badge_on_a_secure_channel_reader_is_granted_lights_the_reader_and_reaches_the_broker()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, $"{Root}/event/#", AgentHarness.Timeout);
        var reader = StartReader(new OsdpReaderSimulatorOptions { Address = 3, BaseKey = SiteKey, EnforceSecure = true });
        await using var agent = await AgentHarness.StartAsync(broker.Port, o => Configure(o));

        var green = CommandAsync(reader, OsdpLedCommand.Code, () => reader.LedCommands[^1].Permanent.OnColor == OsdpColor.Green);
        reader.PresentCard(CardFormatCodec.Encode(CardFormats.H10301, 42, 1001));
        var granted = await NextAsync(agent, e => e.Event.Category == EventCategory.Access);
        await agent.WaitForStrikeAsync(active: true);
        await green;

        Assert.Equal("access.granted", granted.Event.Type);
        var message = await subscriber.WaitForAsync(m => m.Topic == $"{Root}/event/access", AgentHarness.Timeout);
        using var json = JsonDocument.Parse(message.Payload);
        Assert.Equal(ReaderName, json.RootElement.GetProperty("reader").GetString());
        Assert.Equal(1001, json.RootElement.GetProperty("credential").GetProperty("number").GetInt64());
        Assert.Equal(1, reader.Sessions);
        var session = agent.Host.Services.GetRequiredService<DoorAssembly>().OsdpBuses.Single().Readers.Single();
        Assert.Equal(OsdpReaderState.Online, session.State);
        Assert.Equal(0, session.Counters.Snapshot().MacErrors);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task A_reader_with_no_key_is_keyed_by_osdp_install_and_then_reads_cards()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var reader = StartReader(new OsdpReaderSimulatorOptions { Address = 3, InstallMode = true });
        await using var agent = await AgentHarness.StartAsync(broker.Port, o => Configure(o, keyed: false));

        Assert.Equal(0, Mailroom.Edge.Host.Cli.OsdpVerb.Install(agent.Options, ReaderName, TimeSpan.FromMinutes(5), TextWriter.Null, TextWriter.Null));
        // In-process subscribers get events as their commits complete, not necessarily in seq order: both are awaited.
        var keyed = await NextAsync(agent, e => e.Event.Type is "reader.install_keyed" or "reader.install_ended");
        var ended = await NextAsync(agent, e => e.Event.Type is "reader.install_keyed" or "reader.install_ended");
        if (keyed.Event.Type != "reader.install_keyed")
            (keyed, ended) = (ended, keyed);
        reader.PresentCard(CardFormatCodec.Encode(CardFormats.H10301, 42, 1001));
        var granted = await NextAsync(agent, e => e.Event.Category == EventCategory.Access);

        Assert.Equal("access.granted", granted.Event.Type);
        Assert.Equal("keyed", ((ReaderInstallEvent)ended.Event).Outcome);
        var stored = new OsdpKeyFile(Path.Combine(agent.Options.DataDirectory, OsdpKeyFile.FileName)).Find(ReaderName);
        Assert.Equal(stored, reader.BaseKey);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(agent.Options.DataDirectory, OsdpKeyFile.FileName)));
        Assert.Equal("reader.install_keyed", keyed.Event.Type);
        Assert.True(keyed.Envelope.Seq < ended.Envelope.Seq, "keyed, then the window ended");
    }

    [Fact]
    public async Task Card_and_pin_on_one_osdp_reader_opens_a_card_and_pin_door()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var reader = StartReader(new OsdpReaderSimulatorOptions { Address = 3, BaseKey = SiteKey, EnforceSecure = true });
        await using var agent = await AgentHarness.StartAsync(broker.Port, o =>
        {
            Configure(o);
            o.Doors["front"].Mode = DoorMode.CardAndPin;
            var seed = Path.Combine(o.DataDirectory, "pins.csv");
            using (var writer = new StreamWriter(seed))
                CredentialCsv.Write(writer, [new EnrolledCredential("H10301", 42, 1001, "Ada Lovelace", true, null, null) { PinHash = PinHash.Hash("4711") }]);
            o.Credentials.SeedCsv = seed;
        });

        reader.PresentCard(CardFormatCodec.Encode(CardFormats.H10301, 42, 1001));
        var waiting = await NextAsync(agent, e => e.Event.Category == EventCategory.Access);
        reader.PressKeys("4711#");
        var decided = await NextAsync(agent, e => e.Event is AccessEvent { Decision.Pending: false });

        Assert.True(((AccessEvent)waiting.Event).Decision.Pending, waiting.Event.Type);
        Assert.Equal("access.granted", decided.Event.Type);
        await agent.WaitForStrikeAsync(active: true);
    }

    [Fact]
    public async Task A_cut_bus_is_an_alarm_and_reconnecting_clears_it()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var reader = StartReader(new OsdpReaderSimulatorOptions { Address = 3, BaseKey = SiteKey });
        await using var agent = await AgentHarness.StartAsync(broker.Port, o => Configure(o));
        var polled = CommandAsync(reader, 0x60);
        await polled;

        reader.Misbehaviour = new OsdpReaderMisbehaviour { Silent = true };
        var offline = await NextAsync(agent, e => e.Event.Type == "alarm.reader_offline");
        reader.Misbehaviour = OsdpReaderMisbehaviour.None;
        var cleared = await NextAsync(agent, e => e.Event.Type == "alarm.reader_offline_cleared");

        Assert.Equal(ReaderName, ((AlarmEvent)offline.Event).Source);
        Assert.True(cleared.Envelope.Seq > offline.Envelope.Seq);
    }

    public async Task DisposeAsync() => await _line.DisposeAsync();
}
