using System.Diagnostics;
using System.Text;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Benchmarks.Credentials;

/// <summary>
/// <c>credentials.full_sync_2m_s</c>, <c>credentials.rss_mb_2m</c> and <c>credentials.peak_rss_mb_during_sync</c>: the real agent (<c>mailroom-edge run</c>, a child
/// process on the simulated chip) against a private mosquitto; a snapshot of 2,000,000 credentials in chunks of 5,000 is
/// published at QoS 1, and the time runs from the first publish until the agent's <c>credentials.sync_result</c>
/// (<c>applied</c>) arrives on <c>{root}/event/system</c>. All chunks are published at once, as fast as the broker takes
/// them, so the agent receives the snapshot much faster than it can apply it (what it holds meanwhile is the point of
/// the peak figure). Then the child's VmRSS is read from /proc (no forced GC anywhere: the agent as it runs), right
/// after the sync and 10 s later; the peak is VmHWM, the highest resident set the process ever had (startup included).
/// </summary>
public sealed class CredentialFullSyncBenchmark : IBenchmark
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public IReadOnlyList<string> Names => ["credentials.full_sync_2m_s", "credentials.rss_mb_2m", "credentials.peak_rss_mb_during_sync"];

    public async Task<IReadOnlyList<BenchmarkFigure>> RunAsync()
    {
        using var folder = new TempDirectory("mailroom-bench");
        await using var broker = await MosquittoBroker.StartAsync();
        var root = "mailroom/v1/bench/edge-1";
        var config = folder.File("agent.json");
        await AgentProcess.WriteConfigAsync(config, "bench", "edge-1", folder.File("data"), broker);

        Console.Error.WriteLine("bench: building 2,000,000-credential snapshot payloads");
        var payloads = CredentialSyncPayloads.Snapshot(1, LargeCredentialList.Cards(), LargeCredentialList.ChunkSize, keyOrdered: true);
        await using var status = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, $"{root}/status", Timeout);
        await using var events = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, $"{root}/event/system", Timeout);

        using var agent = AgentProcess.Start(config);
        try
        {
            await status.WaitForAsync(m => Encoding.UTF8.GetString(m.Payload).Contains("\"online\"", StringComparison.Ordinal), Timeout);
            var baselineRss = AgentProcess.ReadStatus(agent.Id, "VmRSS");

            var started = Stopwatch.GetTimestamp();
            foreach (var payload in payloads)
                status.Transport.Publish($"{root}/sync/credentials", payload, qos: 1, retain: false);
            var result = await events.WaitForAsync(m => Encoding.UTF8.GetString(m.Payload).Contains("credentials.sync_result", StringComparison.Ordinal), Timeout);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var resultText = Encoding.UTF8.GetString(result.Payload);
            if (!resultText.Contains("\"applied\"", StringComparison.Ordinal))
                throw new InvalidOperationException($"the agent did not apply the snapshot: {resultText}");

            var rssAfter = AgentProcess.ReadStatus(agent.Id, "VmRSS");
            var peak = AgentProcess.ReadStatus(agent.Id, "VmHWM");
            await Task.Delay(TimeSpan.FromSeconds(10));
            var rssSettled = AgentProcess.ReadStatus(agent.Id, "VmRSS");
            var anon = AgentProcess.ReadStatus(agent.Id, "RssAnon");
            var file = AgentProcess.ReadStatus(agent.Id, "RssFile");

            var syncContext = new Dictionary<string, object>
            {
                ["credentials"] = LargeCredentialList.Count,
                ["chunks"] = payloads.Count,
                ["payload_mb"] = Math.Round(payloads.Sum(p => (long)p.Length) / 1e6, 1),
                ["agent"] = "mailroom-edge run (child process), simulated chip, private mosquitto 127.0.0.1",
            };
            var rssContext = new Dictionary<string, object>
            {
                ["measured"] = "VmRSS of the agent process from /proc/PID/status, 10 s after the sync applied; no forced GC",
                ["rss_right_after_sync_mb"] = rssAfter,
                ["rss_before_sync_mb"] = baselineRss,
                ["peak_hwm_during_sync_mb"] = peak,
                ["rss_anon_mb"] = anon,
                ["rss_file_mb"] = file,
            };
            return
            [
                new BenchmarkFigure("credentials.full_sync_2m_s", seconds, "s", syncContext),
                new BenchmarkFigure("credentials.rss_mb_2m", rssSettled, "MB", rssContext),
                new BenchmarkFigure("credentials.peak_rss_mb_during_sync", peak, "MB", new Dictionary<string, object>
                {
                    ["measured"] = "VmHWM of the agent process (peak resident set since it started) right after the 2,000,000-credential snapshot applied",
                    ["rss_before_sync_mb"] = baselineRss,
                    ["payload_mb"] = syncContext["payload_mb"],
                }),
            ];
        }
        finally
        {
            // The figures are taken; the throwaway agent needs no clean stop.
            agent.Kill(entireProcessTree: true);
            await agent.WaitForExitAsync();
        }
    }
}
