using System.Text.Json;
using System.Text.Json.Nodes;
using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Host.RemoteCommands;
using Mailroom.Edge.Testing;
using Mailroom.Edge.Testing.Commands;

namespace Mailroom.Edge.Host.Tests.EndToEnd;

/// <summary>The signed <c>replay</c> command through a real mosquitto: a delivered event comes again, byte for byte.</summary>
public sealed class ReplayEndToEndTests : IDisposable
{
    private static readonly DeviceIdentity Device = new("demo", "edge-1");
    private readonly CommandTestKeys _keys = new();

    [Fact]
    public async Task A_replay_publishes_a_delivered_event_again_byte_for_byte()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var agent = await AgentHarness.StartAsync(broker.Port, options =>
        {
            options.Commands.Keys[CommandTestKeys.Operator] = new CommandKeyOptions { PublicKey = _keys.OperatorPublicKey };
            options.Commands.ClockSynchronised = ClockTrust.Yes;
        });
        await agent.WaitUntilSubscribedAsync();
        await using var consumer = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, $"{Device.TopicRoot}/event/#", AgentHarness.Timeout);
        await using var operatorClient = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, $"{Device.TopicRoot}/cmd-result/#", AgentHarness.Timeout);

        var swipe = await agent.SwipeAsync(1001);
        var seq = swipe.Envelope.Seq;
        var original = await consumer.WaitForAsync(m => SeqOf(m.Payload) == seq, AgentHarness.Timeout);
        await agent.WaitUntilAsync(() => agent.OutboxRow(seq)?.Delivered == true, $"seq {seq} is delivered");

        var factory = new HostileCommandFactory(Device, _keys, TimeProvider.System, new CommandPolicy().MaxPayloadBytes);
        var replay = factory.Draft(CommandNames.Replay, 1, new JsonObject { ["from_seq"] = seq, ["to_seq"] = seq });
        operatorClient.Transport.Publish(factory.Topic(CommandNames.Replay), factory.Sign(replay), 1, false);

        var resultMessage = await operatorClient.WaitForAsync(m => CommandIdOf(m.Payload) == replay.Id, AgentHarness.Timeout);
        var result = JsonDocument.Parse(resultMessage.Payload).RootElement;
        Assert.True(result.GetProperty("result").GetString() == "accepted", result.ToString());
        var data = result.GetProperty("data");
        Assert.Equal(1, data.GetProperty("replayed").GetInt32());
        Assert.Equal(0, data.GetProperty("pending").GetInt64());
        Assert.Equal(0, data.GetProperty("not_kept").GetInt64());

        // The broker's PUBACK to the agent and its delivery to the consumer are independent: wait for each.
        var copy = await consumer.WaitForAsync(m => SeqOf(m.Payload) == seq && !ReferenceEquals(m, original), AgentHarness.Timeout);
        await agent.WaitUntilAsync(() => agent.Publisher.Replayed == 1, "the broker acknowledged the replayed copy");
        Assert.Equal(original.Topic, copy.Topic);
        Assert.Equal(original.Payload, copy.Payload);
        Assert.Equal(2, consumer.Messages.Count(m => SeqOf(m.Payload) == seq));
    }

    private static long SeqOf(byte[] payload) =>
        JsonDocument.Parse(payload).RootElement.TryGetProperty("seq", out var seq) ? seq.GetInt64() : -1;

    private static string? CommandIdOf(byte[] payload) =>
        JsonDocument.Parse(payload).RootElement.TryGetProperty("command_id", out var id) ? id.GetString() : null;

    public void Dispose() => _keys.Dispose();
}
