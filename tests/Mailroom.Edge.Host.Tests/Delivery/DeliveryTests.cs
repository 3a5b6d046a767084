using System.Diagnostics;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Storage.Outbox;
using Mailroom.Edge.Testing;
using Xunit.Abstractions;

namespace Mailroom.Edge.Host.Tests.Delivery;

/// <summary>Store-and-forward proof against a real mosquitto: broker restart mid-burst, a backlog drained in order, and
/// the appending process killed with SIGKILL.</summary>
public sealed class DeliveryTests(ITestOutputHelper output)
{
    private const string Events = "mailroom/v1/hq/edge-1/event/#";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(120);
    private static readonly MosquittoBrokerOptions Persistent = new() { Persistence = true };

    [Fact]
    public async Task Broker_restarted_during_a_10000_event_burst_loses_nothing()
    {
        const int count = 10_000;
        using var data = new TempDirectory();
        await using var broker = await MosquittoBroker.StartAsync(options: Persistent);
        await using var subscriber = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, Events, Patience);
        await using var rig = new PublisherRig(data.Path, broker.Port);
        var collector = new SeqCollector();
        var all = subscriber.WaitForAsync(m => collector.Observe(m, count), Drain);

        var producers = Task.Run(() => AppendBurstAsync(rig, count));
        await rig.WaitUntilAsync(() => rig.Publisher.State.Delivered >= 1500, Patience, "1500 delivered");
        await broker.StopAsync();
        await rig.WaitUntilAsync(() => !rig.Publisher.State.Connected, Patience, "the publisher saw the broker go");
        await broker.RestartAsync();
        await producers.WaitAsync(Drain);

        await all;
        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), collector.Seen.Order());
        await rig.WaitUntilAsync(() => rig.Outbox.PendingCount() == 0, Drain, "the outbox is drained");
        output.WriteLine($"duplicates: {collector.Duplicates}, connects: {rig.Publisher.State.Connects}");
        Assert.True(rig.Publisher.State.Connects >= 2);
    }

    [Fact]
    public async Task A_100000_event_backlog_built_with_the_broker_down_drains_in_seq_order()
    {
        const int count = 100_000;
        using var data = new TempDirectory();
        await using var broker = await MosquittoBroker.StartAsync(options: Persistent);
        await using var subscriber = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, Events, Patience);
        await broker.StopAsync();
        await using var rig = new PublisherRig(data.Path, broker.Port);
        await Task.Run(() => AppendBurstAsync(rig, count)).WaitAsync(Drain);
        Assert.Equal(count, rig.Outbox.PendingCount());

        var collector = new SeqCollector();
        var all = subscriber.WaitForAsync(m => collector.Observe(m, count), Drain);
        var clock = Stopwatch.StartNew();
        await broker.RestartAsync();
        await all;
        output.WriteLine($"100k drained in {clock.Elapsed.TotalSeconds:F1} s, duplicates {collector.Duplicates}");

        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), collector.FirstArrivals);
    }

    [Fact]
    public async Task Every_append_that_returned_before_a_SIGKILL_is_kept_and_delivered()
    {
        using var data = new TempDirectory();
        var printed = new List<long>();
        foreach (var killAfter in new[] { 1, 700, 3000 + Random.Shared.Next(2000) })
        {
            printed.AddRange(await BurstAndKillAsync(data.Path, killAfter));
            using var reopened = new SqliteOutbox(Path.Combine(data.Path, "outbox.db"), PublisherRig.Device, TimeProvider.System);
            Assert.Equal("ok", SqliteFile.IntegrityCheck(Path.Combine(data.Path, "outbox.db")));
            Assert.All(printed, seq => Assert.NotNull(OutboxFile.RowState(reopened, Path.Combine(data.Path, "outbox.db"), seq)));
        }
        Assert.Equal(printed.Count, printed.Distinct().Count());

        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, "mailroom/v1/test/burst/event/#", Patience);
        // Counted before the publisher starts: once it runs, rows leave the pending count as they are delivered, and a
        // smaller count would end the wait before every printed row had arrived.
        long pending;
        using (var before = new SqliteOutbox(Path.Combine(data.Path, "outbox.db"), PublisherRig.Device, TimeProvider.System))
            pending = before.PendingCount();
        await using var rig = new PublisherRig(data.Path, broker.Port);
        var printedSet = printed.ToHashSet();
        var collector = new SeqCollector();
        await subscriber.WaitForAsync(m => collector.Observe(m, (int)pending), Drain);
        Assert.Subset(collector.Seen.ToHashSet(), printedSet);
        await rig.WaitUntilAsync(() => rig.Outbox.PendingCount() == 0, Drain, "every row is marked delivered");
    }

    /// <summary>Appends in waves of 512 outstanding appends: a burst, and group commit gets whole batches (with 8
    /// producers each awaiting one append at a time, a slow fsync would cap the rate at 8 per commit).</summary>
    private static async Task AppendBurstAsync(PublisherRig rig, int count)
    {
        for (var start = 0; start < count; start += 512)
        {
            await Task.WhenAll(Enumerable.Range(start, Math.Min(512, count - start))
                .Select(i => rig.Outbox.AppendAsync(new BurstEvent(DateTimeOffset.UtcNow, i)).AsTask()));
        }
    }

    private async Task<List<long>> BurstAndKillAsync(string data, int killAfter)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "mailroom-outbox-burst.dll"), "--data", data, "--count", "1000000", "--producers", "4" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync();
        var seqs = new List<long>();
        using var timeout = new CancellationTokenSource(Drain);
        while (seqs.Count < killAfter && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            seqs.Add(long.Parse(line, System.Globalization.CultureInfo.InvariantCulture));
        process.Kill();
        // Lines already in the pipe were printed after their commit too.
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (long.TryParse(line, System.Globalization.CultureInfo.InvariantCulture, out var seq))
                seqs.Add(seq);
        }
        await process.WaitForExitAsync(timeout.Token);
        output.WriteLine($"killed after {killAfter} lines; {seqs.Count} seqs printed");
        Assert.True(seqs.Count >= killAfter, $"the burst ended early: {seqs.Count} lines");
        return seqs;
    }
}
