using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.RemoteCommands;
using Mailroom.Edge.Testing;
using Mailroom.Edge.Testing.Commands;

namespace Mailroom.Edge.Host.Tests.EndToEnd;

/// <summary>
/// The real agent against the shipped broker setup (deploy/mosquitto: mailroom.conf, and the certificates and ACL that
/// make-certs.sh makes), over mutual TLS with its device certificate, and an operator (also the central server) with
/// an operator certificate: every topic the agent publishes or reads must pass the ACL, or the site fails silently.
/// </summary>
public sealed class ShippedBrokerEndToEndTests : IDisposable
{
    private static readonly DeviceIdentity Device = new("demo", "edge-1");
    private static readonly string Root = Device.TopicRoot;
    private readonly CommandTestKeys _keys = new();

    [Fact]
    public async Task The_agents_whole_topic_layout_works_under_the_shipped_acl_over_mutual_tls()
    {
        await using var site = await ShippedBrokerSite.StartAsync(Device.Site, [Device.Device], ["ops-1"]);
        // The agent reaches the broker through a relay, so the test can cut its connection like a network failure.
        await using var relay = new TcpRelay(site.Broker.Port);
        await using var operatorView = await MqttTestSubscriber.StartAsync(site.Broker.Host, site.Broker.Port, $"{Root}/#", AgentHarness.Timeout, site.Tls("operator-ops-1"));
        await using var agent = await AgentHarness.StartAsync(relay.Port, options =>
        {
            options.Mqtt.Tls = new MqttTlsOptions
            {
                Enabled = true,
                CaFile = site.CaFile,
                CertFile = site.CertFile("device-edge-1"),
                KeyFile = site.KeyFile("device-edge-1"),
            };
            // The production default: a configured key makes signed sync required.
            options.Commands.Keys[CommandTestKeys.Operator] = new CommandKeyOptions { PublicKey = _keys.OperatorPublicKey };
            options.Commands.ClockSynchronised = ClockTrust.Yes;
        });
        await agent.WaitUntilSubscribedAsync();

        // Status (retained, so a client that comes later still sees it), health (retained) and the door's state.
        await using var lateComer = await MqttTestSubscriber.StartAsync(site.Broker.Host, site.Broker.Port, $"{Root}/+", AgentHarness.Timeout, site.Tls("operator-ops-1"));
        var status = await lateComer.WaitForAsync(m => m.Topic == $"{Root}/status" && m.Retained, AgentHarness.Timeout);
        Assert.Equal("online", Json(status).GetProperty("state").GetString());
        var health = await lateComer.WaitForAsync(m => m.Topic == $"{Root}/health" && m.Retained, AgentHarness.Timeout);
        Assert.True(Json(health).ValueKind == JsonValueKind.Object, Text(health));
        await operatorView.WaitForAsync(m => m.Topic == $"{Root}/door/front/state", AgentHarness.Timeout);

        // A signed command on {root}/cmd/+, answered on {root}/cmd-result.
        var factory = new HostileCommandFactory(Device, _keys, TimeProvider.System, new CommandPolicy().MaxPayloadBytes);
        var diagnostics = factory.Draft(CommandNames.Diagnostics, 1);
        operatorView.Transport.Publish(factory.Topic(CommandNames.Diagnostics), factory.Sign(diagnostics), 1, false);
        var result = await operatorView.WaitForAsync(m => m.Topic == $"{Root}/cmd-result" && Text(m).Contains(diagnostics.Id, StringComparison.Ordinal), AgentHarness.Timeout);
        Assert.Equal("accepted", Json(result).GetProperty("result").GetString());

        // The same with an MQTT 5 response topic under {root}/cmd-result/ and correlation data (mosquitto_pub sends them).
        var config = factory.Draft(CommandNames.Config, 2);
        await MosquittoPubAsync(site, factory.Topic(CommandNames.Config), factory.Sign(config),
            "-D", "publish", "response-topic", $"{Root}/cmd-result/ctl-42", "-D", "publish", "correlation-data", "req-42");
        var response = await operatorView.WaitForAsync(m => m.Topic == $"{Root}/cmd-result/ctl-42", AgentHarness.Timeout);
        Assert.Equal((config.Id, "accepted"), (Json(response).GetProperty("command_id").GetString(), Json(response).GetProperty("result").GetString()));
        Assert.Equal("req-42", Encoding.UTF8.GetString(Json(response).GetProperty("correlation").GetBytesFromBase64()));

        // Credential sync as the central server does it: the signed authorisation, then the list on {root}/sync/credentials.
        List<EnrolledCredential> cards = [.. Enumerable.Range(0, 60).Select(i => new EnrolledCredential("H10301", 42, (ulong)(5000 + i), $"synced {i}", true, null, null))];
        var authorise = factory.Draft(CommandNames.Credentials, 3, new JsonObject
        {
            ["action"] = "snapshot",
            ["version"] = 5,
            ["count"] = cards.Count,
            ["hash"] = CredentialSyncPayloads.Hash(cards),
        });
        operatorView.Transport.Publish(factory.Topic(CommandNames.Credentials), factory.Sign(authorise), 1, false);
        var authorised = await operatorView.WaitForAsync(m => m.Topic == $"{Root}/cmd-result" && Text(m).Contains(authorise.Id, StringComparison.Ordinal), AgentHarness.Timeout);
        Assert.Equal("accepted", Json(authorised).GetProperty("result").GetString());
        foreach (var chunk in CredentialSyncPayloads.Snapshot(5, cards, chunkSize: 25))
            operatorView.Transport.Publish($"{Root}/sync/credentials", chunk, qos: 1, retain: false);
        var synced = await operatorView.WaitForAsync(
            m => m.Topic == $"{Root}/event/system" && Text(m).Contains("credentials.sync_result", StringComparison.Ordinal), AgentHarness.Timeout);
        Assert.True(Json(synced).GetProperty("result").GetString() == "applied", Text(synced));

        // A swipe of a card only the synced list holds: granted, and the access event reaches the operator.
        var swipe = await agent.SwipeAsync(5042);
        var access = await operatorView.WaitForAsync(m => m.Topic == $"{Root}/event/access" && Text(m).Contains(swipe.Envelope.Id.ToString(), StringComparison.Ordinal), AgentHarness.Timeout);
        Assert.Equal(("access.granted", "synced 42"), (Json(access).GetProperty("type").GetString(), Json(access).GetProperty("holder").GetString()));

        // A network failure: the broker publishes the agent's will, `offline` on {root}/status, retained.
        relay.Sever();
        var will = await operatorView.WaitForAsync(m => m.Topic == $"{Root}/status" && Json(m).GetProperty("state").GetString() == "offline", AgentHarness.Timeout);
        Assert.Equal(1, Json(will).GetProperty("boot").GetInt64());

        // Nothing the agent published was refused: a refused QoS 1 publish is dead-lettered with an alarm.
        await agent.WaitUntilAsync(() => agent.Publisher.Connected, "the agent is back");
        Assert.DoesNotContain(operatorView.Messages, m => Text(m).Contains("system.outbox_dead_letter", StringComparison.Ordinal));
        Assert.Equal(0, agent.Outbox.Status().DeadLettered);
    }

    /// <summary>Publishes with mosquitto_pub (MQTT 5, QoS 1, operator certificate): it sends properties our transport does not.</summary>
    private static async Task MosquittoPubAsync(ShippedBrokerSite site, string topic, byte[] payload, params string[] extra)
    {
        var file = Path.Combine(Path.GetTempPath(), $"cmd-{Guid.NewGuid():N}.json");
        await File.WriteAllBytesAsync(file, payload);
        try
        {
            using var publish = Process.Start(new ProcessStartInfo("mosquitto_pub",
            [
                "-h", site.Broker.Host, "-p", site.Broker.Port.ToString(CultureInfo.InvariantCulture), "-V", "mqttv5", "-q", "1",
                "--cafile", site.CaFile, "--cert", site.CertFile("operator-ops-1"), "--key", site.KeyFile("operator-ops-1"),
                "-t", topic, "-f", file, .. extra,
            ]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            var output = await publish.StandardOutput.ReadToEndAsync() + await publish.StandardError.ReadToEndAsync();
            await publish.WaitForExitAsync();
            Assert.True(publish.ExitCode == 0 && !output.Contains("Not authorized", StringComparison.Ordinal), output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Text(MqttMessageReceived message) => Encoding.UTF8.GetString(message.Payload);

    private static JsonElement Json(MqttMessageReceived message) => JsonDocument.Parse(message.Payload).RootElement;

    public void Dispose() => _keys.Dispose();
}
