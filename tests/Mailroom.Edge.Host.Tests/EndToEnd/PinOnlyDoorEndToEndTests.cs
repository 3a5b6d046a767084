using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Readers.Keypad;
using Mailroom.Edge.Gpio.Simulated;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Host.Tests.EndToEnd;

/// <summary>
/// The real agent with its door in PIN-only mode: PINs typed on the simulated keypad, looked up in the SQLite PIN
/// directory (keyed index, then PBKDF2), through the strike and the outbox; and anti-passback memory that survives a
/// restart of the agent on the same data folder.
/// </summary>
public sealed class PinOnlyDoorEndToEndTests : IDisposable
{
    private static readonly byte[] KeyBytes = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();
    private readonly TempDirectory _folder = new();

    private string SeedWithPins()
    {
        var key = new PinIndexKey(KeyBytes);
        var path = _folder.File("pins.csv");
        using var writer = new StreamWriter(path);
        CredentialCsv.Write(writer,
        [
            new EnrolledCredential("H10301", 42, 1001, "Ada Lovelace", true, null, null)
            {
                PinHash = PinHash.Hash("4711"), PinIndex = key.Index("4711"), DuressPinHash = PinHash.Hash("4799"), DuressPinIndex = key.Index("4799"),
            },
            new EnrolledCredential("H10301", 42, 1002, "Grace Hopper", true, null, null) { PinHash = PinHash.Hash("1860"), PinIndex = key.Index("1860") },
        ]);
        return path;
    }

    private static async Task<AppendedEvent> TypeAsync(AgentHarness agent, string keys, Func<DomainEvent, bool> wanted)
    {
        var keypad = new SimulatedWiegandReader(agent.Chip, agent.Chip.ResolveLine("GPIO5"), agent.Chip.ResolveLine("GPIO6"), TimeProvider.System);
        await keypad.SendKeysAsync(keys + "#", KeypadFraming.FourBit, TimeSpan.FromMilliseconds(20));
        using var timeout = new CancellationTokenSource(AgentHarness.Timeout);
        while (true)
        {
            var appended = await agent.Events.ReadAsync(timeout.Token);
            if (wanted(appended.Event))
                return appended;
        }
    }

    [Fact]
    public async Task A_pin_from_the_sqlite_list_opens_a_duress_pin_opens_and_alarms_a_wrong_pin_is_denied()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var seed = SeedWithPins();
        await using var agent = await AgentHarness.StartAsync(broker.Port, o =>
        {
            o.Doors["front"].Mode = DoorMode.PinOnly;
            o.Credentials.SeedCsv = seed;
            o.Credentials.PinIndexKey = Convert.ToBase64String(KeyBytes);
        });

        var granted = await TypeAsync(agent, "1860", e => e is AccessEvent);
        Assert.Equal((true, "Grace Hopper"), (((AccessEvent)granted.Event).Decision.Granted, ((AccessEvent)granted.Event).Decision.Holder));
        await agent.WaitForStrikeAsync(active: true);

        var wrong = (AccessEvent)(await TypeAsync(agent, "0000", e => e is AccessEvent)).Event;
        Assert.Equal((false, DenialReason.WrongPin), (wrong.Decision.Granted, wrong.Decision.Reason));

        var duress = await TypeAsync(agent, "4799", e => e is AlarmEvent { Kind: AlarmKind.Duress });
        Assert.Equal("alarm.duress", duress.Event.Type);
        Assert.True(agent.OutboxRow(duress.Envelope.Seq) is not null);
    }

    [Fact]
    public async Task Hard_anti_passback_still_denies_after_the_agent_restarts()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var data = _folder.File("data");
        void Configure(AntiPassbackMode mode, EdgeOptions o)
        {
            o.DataDirectory = data;
            o.Doors["front"].AntiPassback = mode;
            o.Readers["front-in"].Direction = ReaderDirection.Entry;
        }

        await using (var first = await AgentHarness.StartAsync(broker.Port, o => Configure(AntiPassbackMode.Hard, o)))
            Assert.True(((AccessEvent)(await first.SwipeAsync(1001)).Event).Decision.Granted);

        await using var second = await AgentHarness.StartAsync(broker.Port, o => Configure(AntiPassbackMode.Hard, o));
        var again = (AccessEvent)(await second.SwipeAsync(1001)).Event;

        Assert.Equal((false, DenialReason.AntiPassback), (again.Decision.Granted, again.Decision.Reason));
        Assert.DoesNotContain(second.StrikeChanges, c => c.Active);
    }

    public void Dispose() => _folder.Dispose();
}
