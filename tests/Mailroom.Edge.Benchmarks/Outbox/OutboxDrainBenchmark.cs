using System.Diagnostics;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Mqtt;
using Mailroom.Edge.Storage.Outbox;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Benchmarks.Outbox;

/// <summary>
/// <c>outbox.drain_per_s</c> (pending rows → broker → PUBACK → marked delivered, through <see cref="OutboxPublisher"/>)
/// next to <c>mqtt.raw_publish_per_s</c> measured in the same run against the same broker, with their ratio; and
/// <c>outbox.backlog_100k_drain_s</c>: seconds to drain 100,000 rows buffered while the broker was away.
/// </summary>
public sealed class OutboxDrainBenchmark : IBenchmark
{
    private const int DrainRows = 50_000;
    private const int BacklogRows = 100_000;

    public IReadOnlyList<string> Names => ["outbox.drain_per_s", "outbox.backlog_100k_drain_s"];

    public async Task<IReadOnlyList<BenchmarkFigure>> RunAsync()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var raw = await MqttRawPublishBenchmark.RunAsync(broker.Host, broker.Port, 50_000, 300);
        var drain = DrainRows / (await DrainAsync(broker.Port, DrainRows)).TotalSeconds;
        var backlog = await DrainAsync(broker.Port, BacklogRows);
        return
        [
            new BenchmarkFigure("mqtt.raw_publish_per_s", raw, "msg/s", new Dictionary<string, object> { ["messages"] = 50_000, ["payload_bytes"] = 300, ["same_run_as"] = "outbox.drain_per_s" }),
            new BenchmarkFigure("outbox.drain_per_s", drain, "events/s", new Dictionary<string, object>
            {
                ["rows"] = DrainRows,
                ["ratio_to_raw"] = Math.Round(drain / raw, 3),
                ["inflight_window"] = 64,
            }),
            new BenchmarkFigure("outbox.backlog_100k_drain_s", backlog.TotalSeconds, "s", new Dictionary<string, object> { ["rows"] = BacklogRows }),
        ];
    }

    /// <summary>Fills an outbox with <paramref name="rows"/> while no publisher runs, then times the publisher from start
    /// to the last row marked delivered.</summary>
    private static async Task<TimeSpan> DrainAsync(int port, int rows)
    {
        using var folder = new TempDirectory("bench-drain");
        using var outbox = new SqliteOutbox(folder.File("outbox.db"), new DeviceIdentity("bench", "edge"), TimeProvider.System,
            new OutboxSettings { MaxRows = 10_000_000, MaxBytes = long.MaxValue / 2 });
        for (var start = 0; start < rows; start += 512)
        {
            await Task.WhenAll(Enumerable.Range(start, Math.Min(512, rows - start))
                .Select(i => outbox.AppendAsync(new BenchEvent(DateTimeOffset.UtcNow, i)).AsTask()));
        }

        await using var transport = new MosquittoTransport(new MqttConnectionSettings
        {
            Host = "127.0.0.1",
            Port = port,
            ClientId = $"bench-drain-{Guid.NewGuid():N}",
            MaxInflight = 64,
        });
        var publisher = TestPublisher.Build(outbox, transport, new DeviceIdentity("bench", "edge"), TimeProvider.System,
            new OutboxPublisherOptions { InflightWindow = 64, HealthInterval = TimeSpan.Zero });
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        publisher.State.Changed += () =>
        {
            if (publisher.State.Delivered >= rows)
                done.TrySetResult();
        };
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var loop = Task.Run(() => publisher.RunAsync(stop.Token));
        await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
        var elapsed = clock.Elapsed;
        await stop.CancelAsync();
        await loop.ContinueWith(_ => { }, TaskScheduler.Default);
        return elapsed;
    }
}
