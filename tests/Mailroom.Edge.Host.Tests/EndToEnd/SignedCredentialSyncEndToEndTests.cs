using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.RemoteCommands;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Testing;
using Mailroom.Edge.Testing.Commands;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Mailroom.Edge.Host.Tests.EndToEnd;

/// <summary>
/// <c>Credentials:RequireSignedSync</c> through the real agent and a real mosquitto: the unsigned chunks on
/// <c>{root}/sync/credentials</c> are applied only under a signed <c>credentials</c> command naming their version,
/// count and hash.
/// </summary>
public sealed class SignedCredentialSyncEndToEndTests : IDisposable
{
    private static readonly DeviceIdentity Device = new("demo", "edge-1");
    private static readonly string Root = Device.TopicRoot;
    private readonly CommandTestKeys _keys = new();
    private long _counter;

    private Action<EdgeOptions> SignedSync => options =>
    {
        // RequireSignedSync is left unset: a configured key makes it true by default.
        options.Commands.Keys[CommandTestKeys.Operator] = new CommandKeyOptions { PublicKey = _keys.OperatorPublicKey };
        options.Commands.ClockSynchronised = ClockTrust.Yes;
    };

    private static List<EnrolledCredential> Cards(string holder, int count = 120) =>
        [.. Enumerable.Range(0, count).Select(i => new EnrolledCredential("H10301", 42, (ulong)(5000 + i), $"{holder} {i}", true, null, null))];

    private async Task<JsonElement> CommandAsync(MqttTestSubscriber results, JsonObject args)
    {
        var factory = new HostileCommandFactory(Device, _keys, TimeProvider.System, new CommandPolicy().MaxPayloadBytes);
        var draft = factory.Draft(CommandNames.Credentials, ++_counter, args);
        results.Transport.Publish(factory.Topic(CommandNames.Credentials), factory.Sign(draft), 1, false);
        var result = await results.WaitForAsync(m => Text(m).Contains(draft.Id, StringComparison.Ordinal), AgentHarness.Timeout);
        return JsonDocument.Parse(result.Payload).RootElement;
    }

    private static JsonObject Authorise(long version, IReadOnlyList<EnrolledCredential> cards, string? hash = null) => new()
    {
        ["action"] = "snapshot",
        ["version"] = version,
        ["count"] = cards.Count,
        ["hash"] = hash ?? CredentialSyncPayloads.Hash(cards),
    };

    private static async Task<JsonElement> SyncAsync(MqttTestSubscriber events, long version, IReadOnlyList<EnrolledCredential> cards)
    {
        foreach (var chunk in CredentialSyncPayloads.Snapshot(version, cards, chunkSize: 50))
            events.Transport.Publish($"{Root}/sync/credentials", chunk, qos: 1, retain: false);
        var result = await events.WaitForAsync(
            m => Text(m).Contains("credentials.sync_result", StringComparison.Ordinal) && Text(m).Contains($"\"version\":{version},", StringComparison.Ordinal),
            AgentHarness.Timeout);
        return JsonDocument.Parse(result.Payload).RootElement;
    }

    [Fact]
    public async Task Only_a_snapshot_named_by_a_signed_authorisation_is_applied()
    {
        await using var rig = await Rig.StartAsync(SignedSync);
        var (events, results, agent) = (rig.Events, rig.Results, rig.Agent);

        // Authorised: applied, and the next swipe uses the new list.
        var genuine = Cards("synced");
        var authorised = await CommandAsync(results, Authorise(5, genuine));
        var applied = await SyncAsync(events, 5, genuine);
        Assert.Equal("accepted", authorised.GetProperty("result").GetString());
        Assert.True(applied.GetProperty("result").GetString() == "applied", applied.ToString());
        Assert.Equal("access.granted", (await agent.SwipeAsync(5042)).Event.Type);

        // No authorisation: refused once for the whole snapshot, the list unchanged.
        var unsigned = await SyncAsync(events, 6, Cards("forged", 10));
        Assert.Equal("rejected", unsigned.GetProperty("result").GetString());
        Assert.StartsWith("not authorised", unsigned.GetProperty("reason").GetString(), StringComparison.Ordinal);

        // An authorisation of another list (other hash): refused, the list unchanged.
        var forged = Cards("forged");
        await CommandAsync(results, Authorise(7, forged, hash: CredentialSyncPayloads.Hash(genuine)));
        var mismatched = await SyncAsync(events, 7, forged);
        Assert.Equal("rejected", mismatched.GetProperty("result").GetString());

        var list = agent.Host.Services.GetRequiredService<SqliteCredentialStore>();
        Assert.Equal((5L, CredentialSyncPayloads.Hash(genuine)), (list.Status.Version, list.Status.Hash));
        Assert.Equal("synced 42", list.Find(new Core.Readers.Wiegand.CardCredential("H10301", 42, 5042))!.Holder);
        Assert.Single(events.Messages, m => Text(m).Contains("\"version\":6,", StringComparison.Ordinal) && Text(m).Contains("sync_result", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_signed_sync_request_asks_the_server_for_a_snapshot_and_bad_arguments_are_rejected()
    {
        await using var rig = await Rig.StartAsync(SignedSync);
        var (events, results) = (rig.Events, rig.Results);

        var sync = await CommandAsync(results, new JsonObject { ["action"] = "sync" });
        var requested = await events.WaitForAsync(m => Text(m).Contains("credentials.snapshot_requested", StringComparison.Ordinal), AgentHarness.Timeout);
        var bad = await CommandAsync(results, new JsonObject { ["action"] = "snapshot", ["version"] = 3 });

        Assert.Equal("accepted", sync.GetProperty("result").GetString());
        Assert.Contains("asked for by command", Text(requested), StringComparison.Ordinal);
        Assert.Equal(("rejected", "invalid_arguments"), (bad.GetProperty("result").GetString(), bad.GetProperty("reason").GetString()));
    }

    /// <summary>A broker, the server's two subscriptions (system events, command results) and the agent, connected.</summary>
    private sealed record Rig(MosquittoBroker Broker, MqttTestSubscriber Events, MqttTestSubscriber Results, AgentHarness Agent) : IAsyncDisposable
    {
        public static async Task<Rig> StartAsync(Action<EdgeOptions> configure)
        {
            var broker = await MosquittoBroker.StartAsync();
            var events = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, $"{Root}/event/system", AgentHarness.Timeout);
            var results = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, $"{Root}/cmd-result/#", AgentHarness.Timeout);
            var agent = await AgentHarness.StartAsync(broker.Port, configure);
            await agent.WaitUntilSubscribedAsync();
            return new Rig(broker, events, results, agent);
        }

        public async ValueTask DisposeAsync()
        {
            await Agent.DisposeAsync();
            await Results.DisposeAsync();
            await Events.DisposeAsync();
            await Broker.DisposeAsync();
        }
    }

    private static string Text(MqttMessageReceived message) => Encoding.UTF8.GetString(message.Payload);

    public void Dispose() => _keys.Dispose();
}
