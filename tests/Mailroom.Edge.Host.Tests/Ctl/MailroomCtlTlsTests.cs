using System.Security.Cryptography;
using System.Text.Json;
using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Ctl;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.RemoteCommands;
using Mailroom.Edge.Host.Tests.EndToEnd;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Edge.Host.Tests.Ctl;

/// <summary>
/// mailroomctl with the operator certificate from make-certs.sh against the shipped broker config (mutual TLS, ACL)
/// and the real agent connected with its device certificate: the steps docs/install.md gives an operator.
/// </summary>
public sealed class MailroomCtlTlsTests : IDisposable
{
    private readonly TempDirectory _folder = new("mailroomctl-tls");

    [Fact]
    public async Task SignedCommandsAndStatusWorkOverMutualTlsFromTheSettingsFileOrFlags()
    {
        var keyFile = _folder.File("ops-1.key");
        Assert.Equal(CtlExitCodes.Accepted, await RunAsync("keygen", "--name", "ops-1", "--out", keyFile));
        await using var site = await ShippedBrokerSite.StartAsync("demo", ["edge-1"], ["ops-1"]);
        await using var agent = await StartAgentAsync(site, keyFile);
        var settingsFile = _folder.File("mailroomctl.json");
        await File.WriteAllTextAsync(settingsFile, JsonSerializer.Serialize(new
        {
            Broker = $"127.0.0.1:{site.Broker.Port}",
            Site = "demo",
            KeyName = "ops-1",
            KeyFile = keyFile,
            Tls = new { CaFile = site.CaFile, CertFile = site.CertFile("operator-ops-1"), KeyFile = site.KeyFile("operator-ops-1") },
        }));

        // From the settings file: a signed unlock is accepted and moves the strike.
        Assert.Equal(CtlExitCodes.Accepted, await RunAsync("unlock", "--config", settingsFile, "--device", "edge-1", "--door", "front"));
        await agent.WaitForStrikeAsync(active: true);
        // From flags alone.
        string[] flags = ["--config", _folder.File("none.json"), "--broker", $"127.0.0.1:{site.Broker.Port}", "--site", "demo",
            "--tls-ca", site.CaFile, "--tls-cert", site.CertFile("operator-ops-1"), "--tls-key", site.KeyFile("operator-ops-1")];
        await File.WriteAllTextAsync(flags[1], "{}");
        Assert.Equal(CtlExitCodes.Accepted, await RunAsync(["send", "diagnostics", .. flags, "--device", "edge-1", "--key-name", "ops-1", "--key", keyFile]));
        Assert.Equal(CtlExitCodes.Accepted, await RunAsync(["status", .. flags, "--wait", "0.5"]));
    }

    [Fact]
    public async Task ACredentialListPushedThroughTheShippedBrokerConfigArrivesWholeThoughItsPerClientQueueIsShort()
    {
        var keyFile = _folder.File("ops-1.key");
        Assert.Equal(CtlExitCodes.Accepted, await RunAsync("keygen", "--name", "ops-1", "--out", keyFile));
        await using var site = await ShippedBrokerSite.StartAsync("demo", ["edge-1"], ["ops-1"]);
        await using var agent = await StartAgentAsync(site, keyFile);
        var cards = CredentialSyncPayloads.Cards(200_000);
        var csv = _folder.File("list.csv");
        using (var writer = new StreamWriter(csv))
            CredentialCsv.Write(writer, cards);

        // 400 chunks, published as fast as the broker acknowledges them, through an ACL'd operator connection, to a
        // device whose queue the shipped config caps at 100 messages.
        var exit = await RunAsync("credentials", "push", "--broker", $"127.0.0.1:{site.Broker.Port}", "--site", "demo", "--device", "edge-1",
            "--tls-ca", site.CaFile, "--tls-cert", site.CertFile("operator-ops-1"), "--tls-key", site.KeyFile("operator-ops-1"),
            "--key-name", "ops-1", "--key", keyFile, "--csv", csv, "--chunk-size", "500", "--state", _folder.File("state"));

        Assert.Equal(CtlExitCodes.Accepted, exit);
        var live = agent.Host.Services.GetRequiredService<SqliteCredentialStore>().Status;
        Assert.Equal((1L, 200_000L, CredentialSyncPayloads.Hash(cards, keyOrdered: true)), (live.Version, live.Count, live.Hash));
    }

    [Fact]
    public async Task AHalfTlsSetupOrAPlainConnectionToTheTlsBrokerIsAClearUsageError()
    {
        await using var site = await ShippedBrokerSite.StartAsync("demo", ["edge-1"], ["ops-1"]);
        string[] common = ["--config", _folder.File("none.json"), "--broker", $"127.0.0.1:{site.Broker.Port}", "--site", "demo", "--wait", "0.5"];
        await File.WriteAllTextAsync(common[1], """{ "TimeoutSeconds": 2 }""");

        Assert.Equal(CtlExitCodes.Usage, await RunAsync(["status", .. common, "--tls-ca", site.CaFile, "--tls-cert", site.CertFile("operator-ops-1")]));
        Assert.Equal(CtlExitCodes.Usage, await RunAsync(["status", .. common, "--tls-cert", site.CertFile("operator-ops-1"), "--tls-key", site.KeyFile("operator-ops-1")]));
        Assert.Equal(CtlExitCodes.Usage, await RunAsync(["status", .. common, "--tls-ca", _folder.File("missing.crt")]));
        // No client certificate: the broker (require_certificate) refuses the handshake, reported once the timeout ends.
        Assert.Equal(CtlExitCodes.Usage, await RunAsync(["status", .. common, "--tls-ca", site.CaFile]));
    }

    private static async Task<AgentHarness> StartAgentAsync(ShippedBrokerSite site, string keyFile)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(await File.ReadAllTextAsync(keyFile));
        var publicKey = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
        var agent = await AgentHarness.StartAsync(site.Broker.Port, options =>
        {
            options.Mqtt.Tls = new MqttTlsOptions { Enabled = true, CaFile = site.CaFile, CertFile = site.CertFile("device-edge-1"), KeyFile = site.KeyFile("device-edge-1") };
            options.Commands.Keys["ops-1"] = new CommandKeyOptions { PublicKey = publicKey };
            options.Commands.ClockSynchronised = ClockTrust.Yes;
        });
        await agent.WaitUntilSubscribedAsync();
        return agent;
    }

    private static Task<int> RunAsync(params string[] args) => CtlCommandLine.Create().Parse(args).InvokeAsync();

    public void Dispose() => _folder.Dispose();
}
