using System.Text;
using System.Text.Json;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Host.Health;
using Mailroom.Edge.Testing;
using Microsoft.Extensions.DependencyInjection;
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
        await agent.WaitUntilSubscribedAsync();
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

    [Fact]
    public async Task A_snapshot_whose_chunks_stop_is_abandoned_and_a_new_one_asked_for_and_the_loop_reports_to_the_watchdog()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var server = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, $"{Root}/event/system", AgentHarness.Timeout);
        await using var agent = await AgentHarness.StartAsync(broker.Port, o => o.Credentials.SnapshotTimeout = TimeSpan.FromSeconds(1));
        await agent.WaitUntilSubscribedAsync();
        var loop = Assert.Single(agent.Host.Services.GetRequiredService<LoopHeartbeats>().Loops, l => l.Name == "credential sync");
        List<EnrolledCredential> cards = [.. Enumerable.Range(0, 30).Select(i => new EnrolledCredential("H10301", 42, (ulong)(5000 + i), null, true, null, null))];

        server.Transport.Publish($"{Root}/sync/credentials", CredentialSyncPayloads.Snapshot(3, cards, chunkSize: 10)[0], qos: 1, retain: false);
        var abandoned = await server.WaitForAsync(m => Text(m).Contains("credentials.sync_result", StringComparison.Ordinal), AgentHarness.Timeout);
        await server.WaitForAsync(m => Text(m).Contains("credentials.snapshot_requested", StringComparison.Ordinal), AgentHarness.Timeout);

        Assert.Contains("\"reason\":\"no chunk for 00:00:01 (chunk 1 was expected next)", Text(abandoned), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(agent.Options.DataDirectory, "credentials.db.next")));
        Assert.True(loop.IsReady);
        Assert.Null(loop.Problem());
    }

    private static string Text(Core.Telemetry.MqttMessageReceived message) => Encoding.UTF8.GetString(message.Payload);
}
