using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Storage.Commands;
using Mailroom.Edge.Storage.Sqlite;
using Mailroom.Edge.Testing;
using Mailroom.Edge.Testing.Commands;

namespace Mailroom.Edge.Host.Tests.Commands;

/// <summary>
/// The authority pipeline in process (real parser, verifier, SQLite ledger) against more than 10,000 hostile commands:
/// not one reaches a handler, and each gets exactly one <c>rejected</c> result with the reason its kind calls for.
/// </summary>
public sealed class HostileCommandTests : IDisposable
{
    private static readonly DeviceIdentity Device = new("hq", "mailroom-1");
    private readonly TempDirectory _data = new("mailroom-commands");
    private readonly CommandTestKeys _keys = new();
    private readonly ManualTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly SqliteCommandLedger _ledger;
    private readonly EventList _sink = [];
    private readonly CountingHandler _unlock = new(CommandNames.Unlock);
    private readonly CountingHandler _diagnostics = new(CommandNames.Diagnostics);
    private readonly CommandPolicy _policy = new();

    public HostileCommandTests() => _ledger = new SqliteCommandLedger(_data.File("commands.db"), SqliteDurability.Normal);

    private CommandProcessor Processor(IClockSync clock) =>
        new(Device, _policy, _keys.Ring(), _ledger, clock, [_unlock, _diagnostics], _sink, _time);

    [Fact]
    public async Task TenThousandHostileCommandsActuateNothingAndEachGetsOneRejectionWithItsReason()
    {
        var processor = Processor(new FixedClockSync(true));
        var factory = new HostileCommandFactory(Device, _keys, _time, _policy.MaxPayloadBytes);
        var seeds = new List<(string Id, byte[] Envelope)>();
        for (var counter = 1; counter <= 20; counter++)
        {
            var draft = factory.Draft(CommandNames.Diagnostics, counter);
            var envelope = factory.Sign(draft);
            var accepted = await processor.ProcessAsync(new IncomingCommand(factory.Topic(CommandNames.Diagnostics), envelope, false, TimeSpan.FromMinutes(1)), default);
            Assert.Equal(CommandStatus.Accepted, accepted.Status);
            seeds.Add((draft.Id, envelope));
        }
        _sink.Clear();

        var hostile = factory.Generate(perKind: 420, seeds, seedCounterMax: 20, freshCounterBase: 1_000_000, randomSeed: 8).ToList();
        Assert.True(hostile.Count >= 10_000, $"only {hostile.Count} hostile commands");
        var wrong = new List<string>();
        foreach (var command in hostile)
        {
            var outcome = await processor.ProcessAsync(new IncomingCommand(command.Topic, command.Payload, command.Retained, TimeSpan.FromMinutes(1)), default);
            if (outcome.Status != CommandStatus.Rejected || outcome.Reason != command.Expected)
                wrong.Add($"{command.Kind}: expected {command.Expected}, got {outcome.Status} {outcome.Reason} ({outcome.Detail})");
        }

        Assert.Empty(wrong.Take(10));
        Assert.Equal(0, _unlock.Calls);
        Assert.Equal(20, _diagnostics.Calls);
        var results = _sink.OfType<CommandResultEvent>().ToList();
        Assert.Equal(hostile.Count, results.Count);
        Assert.All(results, r => Assert.Equal(CommandStatus.Rejected, r.Outcome.Status));
        Assert.Equal(hostile.GroupBy(h => h.Expected).ToDictionary(g => g.Key, g => g.Count()),
            results.GroupBy(r => r.Outcome.Reason!.Value).ToDictionary(g => g.Key, g => g.Count()));
        // A flood of refusals raises alarms, one per window at most; the manual clock never moved, so exactly one.
        Assert.Single(_sink.OfType<CommandRefusalAlarmEvent>());
    }

    [Fact]
    public async Task UnderAnUnsynchronisedClockUnlockRightAfterConnectIsRefusedButLaterAccepted()
    {
        var processor = Processor(new FixedClockSync(false));
        var factory = new HostileCommandFactory(Device, _keys, _time, _policy.MaxPayloadBytes);
        var topic = factory.Topic(CommandNames.Unlock);

        var early = await processor.ProcessAsync(new IncomingCommand(topic, factory.Sign(factory.Draft(CommandNames.Unlock, 1)), false, TimeSpan.FromSeconds(1)), default);
        Assert.Equal(CommandReason.UnverifiableFreshness, early.Reason);
        var diagnostics = await processor.ProcessAsync(new IncomingCommand(factory.Topic(CommandNames.Diagnostics), factory.Sign(factory.Draft(CommandNames.Diagnostics, 2)), false, TimeSpan.Zero), default);
        Assert.Equal(CommandStatus.Accepted, diagnostics.Status);
        var later = await processor.ProcessAsync(new IncomingCommand(topic, factory.Sign(factory.Draft(CommandNames.Unlock, 3)), false, TimeSpan.FromSeconds(6)), default);
        Assert.Equal(CommandStatus.Accepted, later.Status);
        Assert.Equal(1, _unlock.Calls);
    }

    [Fact]
    public async Task UnderAnUnsynchronisedClockAnExpiredCommandIsStillRefused()
    {
        // A clock without NTP runs behind: if even it says "expired", the command is expired.
        var processor = Processor(new FixedClockSync(false));
        var factory = new HostileCommandFactory(Device, _keys, _time, _policy.MaxPayloadBytes);
        var draft = factory.Draft(CommandNames.Unlock, 1) with { IssuedAt = _time.GetUtcNow().AddMinutes(-2), ExpiresAt = _time.GetUtcNow().AddMinutes(-1) };
        var outcome = await processor.ProcessAsync(new IncomingCommand(factory.Topic(CommandNames.Unlock), factory.Sign(draft), false, TimeSpan.FromMinutes(1)), default);
        Assert.Equal(CommandReason.Expired, outcome.Reason);
        // …while "issued in the future" is no evidence against a clock that may be behind.
        var future = factory.Draft(CommandNames.Unlock, 2) with { IssuedAt = _time.GetUtcNow().AddHours(1), ExpiresAt = _time.GetUtcNow().AddHours(1).AddMinutes(1) };
        Assert.Equal(CommandStatus.Accepted, (await processor.ProcessAsync(new IncomingCommand(factory.Topic(CommandNames.Unlock), factory.Sign(future), false, TimeSpan.FromMinutes(1)), default)).Status);
    }

    [Fact]
    public async Task CommandsWithoutAnEngineAreAnsweredNotSupportedAfterTheirAuthorityIsChecked()
    {
        var processor = Processor(new FixedClockSync(true));
        var factory = new HostileCommandFactory(Device, _keys, _time, _policy.MaxPayloadBytes);
        var drafts = new (string Name, System.Text.Json.Nodes.JsonObject Args)[]
        {
            (CommandNames.DoorMode, new() { ["door"] = "front", ["mode"] = "locked" }),
            (CommandNames.Lockdown, new() { ["active"] = true }),
            (CommandNames.Credentials, new() { ["action"] = "sync" }),
            (CommandNames.Replay, new() { ["from_seq"] = 5, ["to_seq"] = 9 }),
            (CommandNames.Clip, new() { ["door"] = "front", ["seconds"] = 30 }),
        };
        var counter = 0;
        foreach (var (name, args) in drafts)
        {
            var outcome = await processor.ProcessAsync(new IncomingCommand(factory.Topic(name), factory.Sign(factory.Draft(name, ++counter, args)), false, TimeSpan.FromMinutes(1)), default);
            Assert.Equal(CommandReason.NotSupported, outcome.Reason);
        }
    }

    [Fact]
    public async Task TheCounterSurvivesAReopenOfTheLedger()
    {
        var factory = new HostileCommandFactory(Device, _keys, _time, _policy.MaxPayloadBytes);
        var topic = factory.Topic(CommandNames.Diagnostics);
        Assert.Equal(CommandStatus.Accepted, (await Processor(new FixedClockSync(true)).ProcessAsync(new IncomingCommand(topic, factory.Sign(factory.Draft(CommandNames.Diagnostics, 50)), false, TimeSpan.FromMinutes(1)), default)).Status);
        _ledger.Dispose();

        using var reopened = new SqliteCommandLedger(_data.File("commands.db"));
        Assert.Equal(50, reopened.LastCounter(CommandTestKeys.Operator));
        var processor = new CommandProcessor(Device, _policy, _keys.Ring(), reopened, new FixedClockSync(true), [_diagnostics], _sink, _time);
        var stale = await processor.ProcessAsync(new IncomingCommand(topic, factory.Sign(factory.Draft(CommandNames.Diagnostics, 49)), false, TimeSpan.FromMinutes(1)), default);
        Assert.Equal(CommandReason.StaleCounter, stale.Reason);
    }

    public void Dispose()
    {
        _ledger.Dispose();
        _keys.Dispose();
        _data.Dispose();
    }
}
