using System.Text;
using System.Text.Json;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Host.Tests.EndToEnd;

/// <summary>Credential sync through the real agent and a real broker: snapshot chunks in, the result event out, the
/// new list used by the next swipe; a delta from the wrong version asks for a snapshot.</summary>
public class CredentialSyncEndToEndTests
{
    private const string Root = "mailroom/v1/demo/edge-1";

    [Fact]
    public async Task A_snapshot_over_mqtt_is_applied_reported_and_used_and_a_stray_delta_requests_a_snapshot()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var server = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, $"{Root}/event/system", AgentHarness.Timeout);
        await using var agent = await AgentHarness.StartAsync(broker.Port);
        await agent.WaitUntilAsync(() => agent.Publisher.Connected, "the agent is connected");
        List<EnrolledCredential> cards = [.. Enumerable.Range(0, 300).Select(i => new EnrolledCredential("H10301", 42, (ulong)(5000 + i), $"synced {i}", true, null, null))];

        foreach (var chunk in CredentialSyncPayloads.Snapshot(9, cards, chunkSize: 100))
            server.Transport.Publish($"{Root}/sync/credentials", chunk, qos: 1, retain: false);
        var applied = await server.WaitForAsync(m => Text(m).Contains("credentials.sync_result", StringComparison.Ordinal), AgentHarness.Timeout);

        using (var json = JsonDocument.Parse(applied.Payload))
        {
            var e = json.RootElement;
            Assert.Equal(("applied", "snapshot", 9, 300), (e.GetProperty("result").GetString(), e.GetProperty("kind").GetString(), e.GetProperty("version").GetInt32(), e.GetProperty("count").GetInt32()));
            Assert.Equal(CredentialSyncPayloads.Hash(cards), e.GetProperty("hash").GetString());
        }
        Assert.Equal("access.granted", (await agent.SwipeAsync(5042)).Event.Type);
        Assert.Equal("access.denied", (await agent.SwipeAsync(1001)).Event.Type);

        server.Transport.Publish($"{Root}/sync/credentials", CredentialSyncPayloads.Delta(7, 8, cards, [], []), qos: 1, retain: false);
        var request = await server.WaitForAsync(m => Text(m).Contains("credentials.snapshot_requested", StringComparison.Ordinal), AgentHarness.Timeout);
        Assert.Contains("\"active_version\":9", Text(request), StringComparison.Ordinal);
    }

    private static string Text(Core.Telemetry.MqttMessageReceived message) => Encoding.UTF8.GetString(message.Payload);
}
