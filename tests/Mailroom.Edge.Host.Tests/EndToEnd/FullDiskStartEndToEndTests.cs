using System.Text.Json;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Host.Tests.EndToEnd;

/// <summary>Issue 16, part 2: a Pi that reboots with a full data partition still controls its doors, says so in health,
/// and delivers what it held once space returns.</summary>
public class FullDiskStartEndToEndTests
{
    private const string Root = "mailroom/v1/demo/edge-1";

    [Fact]
    public async Task The_agent_starts_on_a_full_disk_grants_holds_the_events_and_delivers_them_all_when_space_returns()
    {
        using var disk = new SmallTmpfs("8m");
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, $"{Root}/#", AgentHarness.Timeout);

        // A first run creates the databases (and the seeded credentials); then the disk fills while the agent is stopped.
        await using (var first = await AgentHarness.StartInAsync(disk.Path, broker.Port))
            await first.WaitUntilSubscribedAsync();
        disk.Fill();

        // Commands on, as shipped: commands.db is opened on the full disk too (one connection for ledger and inbox).
        await using var agent = await AgentHarness.StartInAsync(disk.Path, broker.Port);
        // The full disk is the point: the outbox reports each failed write and the credential seed, re-applied at start
        // (no synced list yet), cannot be stored. Both are errors an operator must see on a real device.
        agent.ExpectError("The outbox cannot write").ExpectError("The credential seed");
        var health = await subscriber.WaitForAsync(m => m.Topic == $"{Root}/health" && Boot(m.Payload) == 2, AgentHarness.Timeout);
        using (var json = JsonDocument.Parse(health.Payload))
            Assert.False(json.RootElement.GetProperty("outbox").GetProperty("storage_ok").GetBoolean(), "health at connect on a full disk");

        await agent.Reader.SendAsync(CardFormatCodec.Encode(CardFormats.H10301, 42, 1001));
        await agent.WaitForStrikeAsync(active: true);
        Assert.True(agent.Outbox.Status().HeldInMemory > 0, "the access event is held in memory");

        disk.Free();
        var granted = await subscriber.WaitForAsync(m => m.Topic == $"{Root}/event/access", AgentHarness.Timeout);
        await agent.WaitUntilAsync(() => agent.Outbox.PendingCount() == 0 && agent.Outbox.Status().HeldInMemory == 0, "every held event is delivered");

        var seqs = subscriber.Messages.Where(m => m.Topic.StartsWith($"{Root}/event/", StringComparison.Ordinal))
            .Select(m => Seq(m.Payload)).Distinct().Order().ToList();
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
        Assert.Contains(Seq(granted.Payload), seqs);
    }

    private static long Boot(byte[] payload)
    {
        using var json = JsonDocument.Parse(payload);
        return json.RootElement.GetProperty("boot").GetInt64();
    }

    private static long Seq(byte[] payload)
    {
        using var json = JsonDocument.Parse(payload);
        return json.RootElement.GetProperty("seq").GetInt64();
    }
}
