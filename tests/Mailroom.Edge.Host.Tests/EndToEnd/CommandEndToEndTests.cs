using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.RemoteCommands;
using Mailroom.Edge.Testing;
using Mailroom.Edge.Testing.Commands;

namespace Mailroom.Edge.Host.Tests.EndToEnd;

/// <summary>Commands through a real mosquitto to the real agent on a simulated chip; results read back from the broker.</summary>
public sealed class CommandEndToEndTests : IDisposable
{
    private static readonly DeviceIdentity Device = new("demo", "edge-1");
    private readonly CommandTestKeys _keys = new();

    private Action<EdgeOptions> Configure(ClockTrust clock, TimeSpan? quiet = null) => options =>
    {
        options.Commands.Keys[CommandTestKeys.Operator] = new CommandKeyOptions { PublicKey = _keys.OperatorPublicKey };
        options.Commands.Keys[CommandTestKeys.RevokedName] = new CommandKeyOptions { PublicKey = _keys.RevokedPublicKey, Revoked = true };
        options.Commands.ClockSynchronised = clock;
        if (quiet is { } q)
            options.Commands.ConnectQuietPeriod = q;
    };

    [Fact]
    public async Task ValidUnlockMovesTheStrikeAndHostileCommandsMoveNothing()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var agent = await AgentHarness.StartAsync(broker.Port, Configure(ClockTrust.Yes));
        await agent.WaitUntilSubscribedAsync();
        await using var operatorClient = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, $"{Device.TopicRoot}/cmd-result/#", AgentHarness.Timeout);
        var factory = new HostileCommandFactory(Device, _keys, TimeProvider.System, new CommandPolicy().MaxPayloadBytes);

        var seeds = new List<(string Id, byte[] Envelope)>();
        for (var counter = 1; counter <= 3; counter++)
        {
            var draft = factory.Draft(CommandNames.Diagnostics, counter);
            var envelope = factory.Sign(draft);
            operatorClient.Transport.Publish(factory.Topic(CommandNames.Diagnostics), envelope, 1, false);
            var result = await ResultAsync(operatorClient, draft.Id);
            Assert.Equal("accepted", result.GetProperty("result").GetString());
            Assert.True(result.GetProperty("data").GetProperty("connected").GetBoolean());
            seeds.Add((draft.Id, envelope));
        }

        // The agent subscribes with Retain As Published, so the retained ones are refused live too (not only their stored
        // copy at subscribe time: RetainedCommandWaitingOnTheBroker…).
        var hostile = factory.Generate(perKind: 10, seeds, seedCounterMax: 3, freshCounterBase: 1_000, randomSeed: 3).ToList();
        foreach (var command in hostile)
            operatorClient.Transport.Publish(command.Topic, command.Payload, 1, command.Retained);
        var unlock = factory.Draft(CommandNames.Unlock, 100);
        var sent = Stopwatch.StartNew();
        operatorClient.Transport.Publish(factory.Topic(CommandNames.Unlock), factory.Sign(unlock), 1, false);
        var accepted = await ResultAsync(operatorClient, unlock.Id);

        Assert.True(accepted.GetProperty("result").GetString() == "accepted", accepted.ToString());
        await agent.WaitForStrikeAsync(active: true);
        Assert.Single(agent.StrikeChanges, c => c.Active);
        var reasons = operatorClient.Messages.Select(m => JsonDocument.Parse(m.Payload).RootElement)
            .Where(r => r.GetProperty("result").GetString() == "rejected")
            .GroupBy(r => r.GetProperty("reason").GetString()!)
            .ToDictionary(g => g.Key, g => g.Count());
        var expected = hostile.GroupBy(h => WireNames.SnakeCase(h.Expected.ToString())).ToDictionary(g => g.Key, g => g.Count());
        // The hostile batch went first on the same connection, so every refusal precedes the unlock's acceptance.
        Assert.Equal(expected.OrderBy(e => e.Key), reasons.Where(r => r.Key != "").OrderBy(r => r.Key));
        Assert.True(sent.Elapsed < TimeSpan.FromSeconds(10), $"unlock answered after {sent.Elapsed}");
    }

    [Fact]
    public async Task RetainedCommandWaitingOnTheBrokerIsRefusedWhenTheAgentSubscribes()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var factory = new HostileCommandFactory(Device, _keys, TimeProvider.System, new CommandPolicy().MaxPayloadBytes);
        var unlock = factory.Draft(CommandNames.Unlock, 1);
        await MosquittoPubAsync(broker, factory.Topic(CommandNames.Unlock), factory.Sign(unlock), "-r");
        await using var operatorClient = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, $"{Device.TopicRoot}/cmd-result/#", AgentHarness.Timeout);
        await using var agent = await AgentHarness.StartAsync(broker.Port, Configure(ClockTrust.Yes));

        var result = await ResultAsync(operatorClient, unlock.Id);
        Assert.Equal("retained", result.GetProperty("reason").GetString());
        Assert.DoesNotContain(agent.StrikeChanges, c => c.Active);
    }

    [Fact]
    public async Task RetainedCommandPublishedWhileTheAgentIsConnectedIsRefusedAndTheSameCommandNotRetainedIsAccepted()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var agent = await AgentHarness.StartAsync(broker.Port, Configure(ClockTrust.Yes));
        await agent.WaitUntilSubscribedAsync();
        await using var operatorClient = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, $"{Device.TopicRoot}/cmd-result/#", AgentHarness.Timeout);
        var factory = new HostileCommandFactory(Device, _keys, TimeProvider.System, new CommandPolicy().MaxPayloadBytes);
        var unlock = factory.Draft(CommandNames.Unlock, 1);
        var envelope = factory.Sign(unlock);

        operatorClient.Transport.Publish(factory.Topic(CommandNames.Unlock), envelope, 1, retain: true);
        var refused = await ResultAsync(operatorClient, unlock.Id);
        Assert.True(refused.GetProperty("result").GetString() == "rejected", refused.ToString());
        Assert.Equal("retained", refused.GetProperty("reason").GetString());
        // The agent's own events up to that command's result (the door's reaction would come before it) hold no unlock.
        Assert.DoesNotContain(await DoorEventsUntilResultAsync(agent, unlock.Id), e => e.State == DoorState.Unlocked);

        // Refused before its id and counter were consumed, so the very same signed bytes, not retained, still open the door.
        operatorClient.Transport.Publish(factory.Topic(CommandNames.Unlock), envelope, 1, retain: false);
        var accepted = await ResultAsync(operatorClient, unlock.Id, after: refused);
        Assert.True(accepted.GetProperty("result").GetString() == "accepted", accepted.ToString());
        Func<DoorStateChangedEvent, bool> unlockedByCommand = e => e.State == DoorState.Unlocked && e.Cause == UnlockCause.Command;
        Assert.Contains(await DoorEventsUntilResultAsync(agent, unlock.Id, unlockedByCommand), e => unlockedByCommand(e));
        await agent.WaitForStrikeAsync(active: true);
    }

    [Fact]
    public async Task Mqtt5ResponseTopicAndCorrelationDataAreHonoured()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var agent = await AgentHarness.StartAsync(broker.Port, Configure(ClockTrust.Yes));
        await agent.WaitUntilSubscribedAsync();
        await using var operatorClient = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, $"{Device.TopicRoot}/cmd-result/#", AgentHarness.Timeout);
        var factory = new HostileCommandFactory(Device, _keys, TimeProvider.System, new CommandPolicy().MaxPayloadBytes);
        var draft = factory.Draft(CommandNames.Config, 7);
        await MosquittoPubAsync(broker, factory.Topic(CommandNames.Config), factory.Sign(draft),
            "-D", "publish", "response-topic", $"{Device.TopicRoot}/cmd-result/ctl-42",
            "-D", "publish", "correlation-data", "req-42");
        var message = await operatorClient.WaitForAsync(m => m.Topic.EndsWith("/ctl-42", StringComparison.Ordinal), AgentHarness.Timeout);
        var result = JsonDocument.Parse(message.Payload).RootElement;
        Assert.Equal(draft.Id, result.GetProperty("command_id").GetString());
        Assert.Equal("req-42", Encoding.UTF8.GetString(result.GetProperty("correlation").GetBytesFromBase64()));
        Assert.Equal("accepted", result.GetProperty("result").GetString());
        Assert.Equal("front", result.GetProperty("data").GetProperty("Doors").EnumerateObject().Single().Name);
    }

    [Fact]
    public async Task UnderAnUnsynchronisedClockUnlockIsRefusedDuringTheQuietPeriodAfterConnect()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var agent = await AgentHarness.StartAsync(broker.Port, Configure(ClockTrust.No, quiet: TimeSpan.FromHours(1)));
        await agent.WaitUntilSubscribedAsync();
        await using var operatorClient = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, $"{Device.TopicRoot}/cmd-result/#", AgentHarness.Timeout);
        var factory = new HostileCommandFactory(Device, _keys, TimeProvider.System, new CommandPolicy().MaxPayloadBytes);
        var unlock = factory.Draft(CommandNames.Unlock, 1);
        operatorClient.Transport.Publish(factory.Topic(CommandNames.Unlock), factory.Sign(unlock), 1, false);
        var result = await ResultAsync(operatorClient, unlock.Id);
        Assert.Equal("unverifiable_freshness", result.GetProperty("reason").GetString());
        Assert.DoesNotContain(agent.StrikeChanges, c => c.Active);
    }

    /// <summary>Publishes with the mosquitto_pub program (MQTT 5, QoS 1): it can set properties our transport does not send.</summary>
    private static async Task MosquittoPubAsync(MosquittoBroker broker, string topic, byte[] payload, params string[] extra)
    {
        var file = Path.Combine(Path.GetTempPath(), $"cmd-{Guid.NewGuid():N}.json");
        await File.WriteAllBytesAsync(file, payload);
        try
        {
            using var publish = Process.Start(new ProcessStartInfo("mosquitto_pub",
                ["-h", broker.Host, "-p", broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-V", "mqttv5", "-q", "1", "-t", topic, "-f", file, .. extra]))!;
            await publish.WaitForExitAsync();
            Assert.Equal(0, publish.ExitCode);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<JsonElement> ResultAsync(MqttTestSubscriber client, string commandId, JsonElement? after = null)
    {
        var message = await client.WaitForAsync(m =>
        {
            var result = JsonDocument.Parse(m.Payload).RootElement;
            return result.GetProperty("command_id").GetString() == commandId
                && (after is not { } earlier || result.GetProperty("seq").GetInt64() > earlier.GetProperty("seq").GetInt64());
        }, AgentHarness.Timeout);
        return JsonDocument.Parse(message.Payload).RootElement;
    }

    /// <summary>The door events the agent emitted up to the next result for <paramref name="commandId"/>, read from its
    /// dispatcher; with <paramref name="awaitedDoor"/>, also until a door event that matches it. The dispatcher does not
    /// yet promise that a command's door reaction precedes its result (issue 17, one way out for events): a run was seen
    /// where door.unlocked came after the accepted result, so a test that needs the reaction waits for it.</summary>
    private static async Task<List<DoorStateChangedEvent>> DoorEventsUntilResultAsync(AgentHarness agent, string commandId,
        Func<DoorStateChangedEvent, bool>? awaitedDoor = null)
    {
        using var timeout = new CancellationTokenSource(AgentHarness.Timeout);
        var doors = new List<DoorStateChangedEvent>();
        bool answered = false;
        while (!answered || (awaitedDoor is not null && !doors.Any(awaitedDoor)))
        {
            switch ((await agent.Events.ReadAsync(timeout.Token)).Event)
            {
                case DoorStateChangedEvent door:
                    doors.Add(door);
                    break;
                case CommandResultEvent result when result.CommandId == commandId:
                    answered = true;
                    break;
            }
        }

        return doors;
    }

    public void Dispose() => _keys.Dispose();
}
