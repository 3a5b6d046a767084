using System.Text;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Ctl;
using Mailroom.Edge.Ctl.Push;
using Mailroom.Edge.Ctl.Settings;
using Mailroom.Edge.Host.Tests.Cli;
using Mailroom.Edge.Host.Tests.EndToEnd;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Mailroom.Edge.Host.Tests.Ctl;

/// <summary>
/// <c>mailroomctl credentials push</c> (a child process, as an operator runs it) against the real agent and a real
/// mosquitto: the list the device ends up with is checked against the documented hash computed independently
/// (<see cref="CredentialSyncPayloads.Hash"/>), not against mailroomctl's own figure.
/// </summary>
public sealed class CredentialsPushTests : IDisposable
{
    private const string Root = "mailroom/v1/demo/edge-1";
    private readonly TempDirectory _folder = new("credentials-push");

    [Fact]
    public async Task A_list_of_100000_is_applied_with_the_devices_hash_equal_and_a_second_run_sends_nothing()
    {
        var key = await KeyAsync();
        var cards = CredentialSyncPayloads.Cards(100_000);
        await using var broker = await MosquittoBroker.StartAsync();
        await using var agent = await MailroomCtlTests.StartTrustingAsync(broker, key);

        var push = await PushAsync(broker, key, Csv("list.csv", cards), "--device", "edge-1");
        var again = await PushAsync(broker, key, Csv("list.csv", cards), "--device", "edge-1");

        Assert.True(push.ExitCode == CtlExitCodes.Accepted, push.Stdout + push.Stderr);
        Assert.Matches(@"edge-1\s+applied\s+snapshot\s+1\s+100000\s+yes", push.Stdout);
        Assert.Equal((1L, 100_000L, CredentialSyncPayloads.Hash(cards, keyOrdered: true)), Live(agent));
        Assert.True(again.ExitCode == CtlExitCodes.Accepted, again.Stdout + again.Stderr);
        Assert.Contains("already applied (state directory); nothing sent", again.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delta_changes_adds_and_removes_rows_and_without_a_record_of_the_device_a_full_snapshot_is_sent_instead()
    {
        var key = await KeyAsync();
        var cards = CredentialSyncPayloads.Cards(300);
        var changed = cards.ToList();
        changed[10] = changed[10] with { Holder = "renamed" };
        changed[20] = changed[20] with { Enabled = false };
        changed.RemoveRange(30, 2);
        changed.AddRange([CredentialSyncPayloads.Card(1000), CredentialSyncPayloads.Card(1001), CredentialSyncPayloads.Card(1002)]);
        var third = changed.Take(200).ToList();
        await using var broker = await MosquittoBroker.StartAsync();
        await using var events = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, $"{Root}/event/system", AgentHarness.Timeout);
        await using var agent = await MailroomCtlTests.StartTrustingAsync(broker, key);

        var first = await PushAsync(broker, key, Csv("v1.csv", cards), "--device", "edge-1", "--delta");
        var delta = await PushAsync(broker, key, Csv("v2.csv", changed), "--device", "edge-1", "--delta");
        var deltaLive = Live(agent);
        var listsKept = Directory.GetFiles(_folder.File(Path.Combine("state", "lists"))).Select(Path.GetFileName);
        var fallback = await PushAsync(broker, key, Csv("v3.csv", third), "--device", "edge-1", "--delta", "--state", _folder.File("other-state"));

        Assert.True(first.ExitCode == CtlExitCodes.Accepted, first.Stdout + first.Stderr);
        Assert.True(delta.ExitCode == CtlExitCodes.Accepted, delta.Stdout + delta.Stderr);
        Assert.Matches(@"edge-1\s+applied\s+delta\s+2\s+301\s+yes", delta.Stdout);
        Assert.Equal((2L, 301L, CredentialSyncPayloads.Hash(changed)), deltaLive);
        Assert.Equal([CredentialSyncPayloads.Hash(changed) + ".csv"], listsKept);
        Assert.Contains(events.Messages, m => Text(m).Contains("\"kind\":\"delta\"", StringComparison.Ordinal) && Text(m).Contains("\"result\":\"applied\"", StringComparison.Ordinal));
        Assert.True(fallback.ExitCode == CtlExitCodes.Accepted, fallback.Stdout + fallback.Stderr);
        Assert.Contains("sending a full snapshot instead of a delta: the device holds version 2", fallback.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"edge-1\s+applied\s+snapshot\s+3\s+200\s+yes", fallback.Stdout);
        Assert.Equal((3L, 200L, CredentialSyncPayloads.Hash(third)), Live(agent));
    }

    [Fact]
    public async Task A_device_offline_during_a_site_push_is_no_answer_and_gets_the_list_when_the_same_push_runs_again()
    {
        var key = await KeyAsync();
        var cards = CredentialSyncPayloads.Cards(5000);
        using var data = new TempDirectory("push-offline-agent");
        await using var broker = await MosquittoBroker.StartAsync();
        await using (await MailroomCtlTests.StartTrustingAsync(broker, key, data.Path))
        {
            // Connected once: the broker keeps its session and its retained status (now offline).
        }

        var offline = await PushAsync(broker, key, Csv("list.csv", cards), "--timeout", "2");
        await using var back = await MailroomCtlTests.StartTrustingAsync(broker, key, data.Path);
        var resumed = await PushAsync(broker, key, Csv("list.csv", cards));

        Assert.True(offline.ExitCode == CtlExitCodes.NoAnswer, offline.Stdout + offline.Stderr);
        Assert.Matches(@"edge-1\s+no answer\s+-\s+-\s+-\s+-\s+[\d.]+\s+no answer to diagnostics within 2 s", offline.Stdout);
        Assert.True(resumed.ExitCode == CtlExitCodes.Accepted, resumed.Stdout + resumed.Stderr);
        Assert.Equal((1L, 5000L, CredentialSyncPayloads.Hash(cards)), Live(back));
    }

    [Fact]
    public async Task A_push_interrupted_by_ctrl_c_is_finished_by_the_same_command_again_without_pushing_twice()
    {
        var key = await KeyAsync();
        var cards = CredentialSyncPayloads.Cards(2000);
        await using var broker = await MosquittoBroker.StartAsync();
        await using var first = await MailroomCtlTests.StartTrustingAsync(broker, key);
        string[] both = ["--device", "edge-1", "--device", "edge-2", "--parallel", "1", "--timeout", "600"];

        // edge-2 is down: the push applies edge-1, then waits on edge-2 until the operator presses Ctrl-C.
        var interrupted = await EdgeProcess.RunCtlUntilSignalledAsync("edge-1: applied", "INT", PushArguments(broker, key, Csv("list.csv", cards), both));
        await using var second = await MailroomCtlTests.StartTrustingAsync(broker, key, device: "edge-2");
        var resumed = await PushAsync(broker, key, Csv("list.csv", cards), both);

        Assert.NotEqual(CtlExitCodes.Accepted, interrupted.ExitCode);
        Assert.True(resumed.ExitCode == CtlExitCodes.Accepted, resumed.Stdout + resumed.Stderr);
        Assert.Matches(@"edge-1\s+applied\s+none\s+1\s+2000\s+-\s+[\d.]+\s+already applied \(state directory\); nothing sent", resumed.Stdout);
        Assert.Matches(@"edge-2\s+applied\s+snapshot\s+1\s+2000\s+yes", resumed.Stdout);
        Assert.Equal((1L, 2000L, CredentialSyncPayloads.Hash(cards)), Live(first));
        Assert.Equal((1L, 2000L, CredentialSyncPayloads.Hash(cards)), Live(second));
    }

    [Fact]
    public async Task A_chunk_altered_after_the_list_was_hashed_and_authorised_is_refused_and_the_live_list_is_unchanged()
    {
        var key = await KeyAsync();
        var cards = CredentialSyncPayloads.Cards(5000);
        await using var broker = await MosquittoBroker.StartAsync();
        await using var agent = await MailroomCtlTests.StartTrustingAsync(broker, key);
        var before = Live(agent);
        var settings = new CtlSettings { Broker = $"127.0.0.1:{broker.Port}", Site = "demo", KeyName = "ops-1", KeyFile = key };
        var state = new PushState(_folder.File("state"));
        var push = new DevicePush(settings, new PushOptions(Delta: false, ChunkSize: 1000, AgentHarness.Timeout, AgentHarness.Timeout),
            PushList.Of(cards), state, TextWriter.Null)
        {
            // Chunk 2 holds card 2500: its holder is rewritten, the header (count, hash) left as authorised.
            AlterPayload = (chunk, payload) => chunk == 2 ? Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(payload).Replace("\"holder 2500\"", "\"Mallory\"", StringComparison.Ordinal)) : payload,
        };

        var outcome = await push.RunAsync("demo", "edge-1", CancellationToken.None);

        Assert.Equal(PushResult.Rejected, outcome.Result);
        Assert.Contains("hash", outcome.Detail, StringComparison.Ordinal);
        Assert.Equal(before, Live(agent));
        Assert.Null(state.Find("demo", "edge-1"));
    }

    [Fact]
    public async Task A_bad_csv_has_every_bad_line_reported_and_nothing_is_sent()
    {
        var key = await KeyAsync();
        var good = File.ReadAllLines(Csv("good.csv", CredentialSyncPayloads.Cards(3)));
        var csv = _folder.File("bad.csv");
        await File.WriteAllLinesAsync(csv,
        [
            good[0], good[1],
            good[2].Replace("H10301,1,", "H10301,x,", StringComparison.Ordinal),
            "H10301,1",
            good[1],
            good[3],
        ]);

        // No broker listens on port 1: a push that tried to send would fail on the connection (usage error, 1).
        var push = await EdgeProcess.RunCtlAsync("credentials", "push", "--broker", "127.0.0.1:1", "--site", "demo", "--device", "edge-1",
            "--key-name", "ops-1", "--key", key, "--csv", csv, "--state", _folder.File("state"));

        Assert.Equal(CtlExitCodes.BadFile, push.ExitCode);
        Assert.Contains("line 3: facility 'x' is not a whole number", push.Stderr, StringComparison.Ordinal);
        Assert.Contains($"line 4: expected {CredentialCsv.DeliveryHeader.Split(',').Length} fields, found 2", push.Stderr, StringComparison.Ordinal);
        Assert.Contains("line 5: H10301 facility 1 number 0 is listed twice", push.Stderr, StringComparison.Ordinal);
        Assert.Contains("3 error(s); nothing was sent", push.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder.File("state")));
    }

    private async Task<string> KeyAsync()
    {
        var key = _folder.File("ops-1.key");
        Assert.Equal(CtlExitCodes.Accepted, await CtlCommandLine.Create().Parse(["keygen", "--name", "ops-1", "--out", key]).InvokeAsync());
        return key;
    }

    private Task<EdgeProcess.Result> PushAsync(MosquittoBroker broker, string key, string csv, params string[] more) =>
        EdgeProcess.RunCtlAsync(PushArguments(broker, key, csv, more));

    private string[] PushArguments(MosquittoBroker broker, string key, string csv, string[] more) =>
        ["credentials", "push", "--broker", $"127.0.0.1:{broker.Port}", "--site", "demo", "--key-name", "ops-1", "--key", key,
            "--csv", csv, .. more.Contains("--state") ? [] : new[] { "--state", _folder.File("state") }, .. more];

    private string Csv(string name, IEnumerable<EnrolledCredential> credentials)
    {
        var path = _folder.File(name);
        using var writer = new StreamWriter(path);
        CredentialCsv.Write(writer, credentials);
        return path;
    }

    private static (long Version, long Count, string Hash) Live(AgentHarness agent)
    {
        var status = agent.Host.Services.GetRequiredService<SqliteCredentialStore>().Status;
        return (status.Version, status.Count, status.Hash);
    }

    private static string Text(MqttMessageReceived message) => Encoding.UTF8.GetString(message.Payload);

    public void Dispose() => _folder.Dispose();
}
