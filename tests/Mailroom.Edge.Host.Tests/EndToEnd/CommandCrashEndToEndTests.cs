using System.Diagnostics;
using System.Text.Json;
using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Host.Tests.Cli;
using Mailroom.Edge.Testing;
using Mailroom.Edge.Testing.Commands;
using Xunit.Abstractions;

namespace Mailroom.Edge.Host.Tests.EndToEnd;

/// <summary>
/// The real <c>run</c> service as a child process, SIGKILLed while a backlog of signed commands is being answered:
/// every command still gets exactly one <c>command.result</c> (docs/mqtt.md, "Delivery of commands").
/// </summary>
public sealed class CommandCrashEndToEndTests(ITestOutputHelper output) : IDisposable
{
    private const int Kills = 4;
    private const int PerBurst = 150;
    private const int AnsweredBeforeKill = 20;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly DeviceIdentity Device = new("demo", "edge-1");
    private readonly CommandTestKeys _keys = new();
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Every_command_gets_exactly_one_result_when_the_agent_is_SIGKILLed_while_answering_a_backlog()
    {
        await using var broker = await MosquittoBroker.StartAsync(options: new MosquittoBrokerOptions { ListenerConfig = "log_type subscribe" });
        await using var operatorClient = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, $"{Device.TopicRoot}/cmd-result/#", Patience);
        var factory = new HostileCommandFactory(Device, _keys, TimeProvider.System, new CommandPolicy().MaxPayloadBytes);
        var config = WriteConfig(broker.Port);
        var agent = StartAgent(config);
        try
        {
            // Only the first start needs this: the agent's session (and its subscription) outlives every kill on the broker.
            await broker.WaitForLogAsync($"{Device.TopicRoot}/cmd/+", Patience);
            var sent = new List<string>();
            long counter = 0;
            for (var kill = 0; kill < Kills; kill++)
            {
                // After the first kill the burst waits on the broker and arrives as a backlog just after the restart.
                var burst = Enumerable.Range(0, PerBurst).Select(_ => factory.Draft(CommandNames.Diagnostics, ++counter)).ToList();
                foreach (var draft in burst)
                    operatorClient.Transport.Publish(factory.Topic(CommandNames.Diagnostics), factory.Sign(draft), 1, false);
                sent.AddRange(burst.Select(d => d.Id));
                await operatorClient.WaitForAsync(m => CommandId(m) == burst[AnsweredBeforeKill].Id, Patience);
                agent.Kill();
                await agent.WaitForExitAsync();
                agent.Dispose();
                agent = StartAgent(config);
            }

            // Commands are answered one at a time and recovered ones first, so a late or duplicate answer precedes this one.
            var last = factory.Draft(CommandNames.Diagnostics, ++counter);
            operatorClient.Transport.Publish(factory.Topic(CommandNames.Diagnostics), factory.Sign(last), 1, false);
            sent.Add(last.Id);
            await operatorClient.WaitForAsync(m => CommandId(m) == last.Id, Patience);

            // Results are events, delivered at least once: a copy sent again after a kill has the same event id.
            var answers = operatorClient.Messages.Select(Ids).Where(ids => ids.Command is not null)
                .GroupBy(ids => ids.Command!).ToDictionary(g => g.Key, g => g.Select(ids => ids.Event).Distinct().Count());
            var missing = sent.Where(id => !answers.ContainsKey(id)).ToList();
            var twice = answers.Where(a => a.Value > 1).Select(a => a.Key).ToList();
            output.WriteLine($"{sent.Count} commands, {Kills} kills: {missing.Count} unanswered, {twice.Count} answered more than once");
            Assert.True(missing.Count == 0 && twice.Count == 0,
                $"{missing.Count} of {sent.Count} commands got no result (first: {string.Join(", ", missing.Take(3))}); {twice.Count} got more than one result (first: {string.Join(", ", twice.Take(3))})");
        }
        finally
        {
            agent.Kill();
            await agent.WaitForExitAsync();
            agent.Dispose();
        }
    }

    private static string? CommandId(MqttMessageReceived message) => Ids(message).Command;

    private static (string? Command, string Event) Ids(MqttMessageReceived message)
    {
        using var json = JsonDocument.Parse(message.Payload);
        var root = json.RootElement;
        var command = root.TryGetProperty("command_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        return (command, root.GetProperty("id").GetString()!);
    }

    private Process StartAgent(string config)
    {
        var agent = EdgeProcess.Start(redirectInput: false, ["run", "--config", config]);
        agent.OutputDataReceived += (_, _) => { };
        agent.ErrorDataReceived += (_, _) => { };
        agent.BeginOutputReadLine();
        agent.BeginErrorReadLine();
        return agent;
    }

    private string WriteConfig(int port)
    {
        var path = Path.Combine(_data.Path, "edge.json");
        var data = Path.Combine(_data.Path, "data");
        File.WriteAllText(path, $$"""
            { "Site": "{{Device.Site}}", "Device": "{{Device.Device}}", "DataDirectory": "{{data}}", "Gpio": { "Chip": "simulated" },
              "Mqtt": { "Host": "127.0.0.1", "Port": {{port}} },
              "Commands": { "ClockSynchronised": "Yes", "Keys": { "{{CommandTestKeys.Operator}}": { "PublicKey": "{{_keys.OperatorPublicKey}}" } } },
              "Doors": { "front": { "Strike": { "Line": "GPIO17" } } },
              "Readers": { "front-in": { "Door": "front", "D0": "GPIO23", "D1": "GPIO24" } } }
            """);
        return path;
    }

    public void Dispose()
    {
        _keys.Dispose();
        _data.Dispose();
    }
}
