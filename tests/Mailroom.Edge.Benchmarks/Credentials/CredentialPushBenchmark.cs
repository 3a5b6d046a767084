using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Benchmarks.Credentials;

/// <summary>
/// <c>credentials_push.*</c>: <c>mailroomctl credentials push --site bench</c> as an operator runs it (a child process)
/// against real agents (<c>mailroom-edge run</c> children on the simulated chip, trusting the operator's key, so the
/// sync is signed) and a private mosquitto on loopback: one agent and 2,000,000 credentials, then 10 agents at once
/// (<c>--parallel 10</c>) with <c>MAILROOM_BENCH_PUSH_FLEET_CREDENTIALS</c> each (default 2,000,000). The time is the
/// mailroomctl process's wall time, start to exit: reading and hashing the CSV, finding the site's devices (1.5 s of
/// retained status), and every device's push until its <c>credentials.sync_result</c> <c>applied</c>. Its peak memory is
/// the process's maximum resident set, from the kernel at exit (<c>/usr/bin/time -f %M</c>, i.e. ru_maxrss); the last
/// VmHWM read from /proc/PID/status while it ran (every 100 ms) is given beside it.
/// </summary>
public sealed class CredentialPushBenchmark : IBenchmark
{
    private const int Fleet = 10;

    public IReadOnlyList<string> Names =>
        ["credentials_push.1_agent_s", "credentials_push.1_agent_ctl_peak_rss_mb", "credentials_push.10_agents_s", "credentials_push.10_agents_ctl_peak_rss_mb"];

    public async Task<IReadOnlyList<BenchmarkFigure>> RunAsync()
    {
        var fleetCount = int.TryParse(Environment.GetEnvironmentVariable("MAILROOM_BENCH_PUSH_FLEET_CREDENTIALS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : LargeCredentialList.Count;
        var one = await PushAsync(1, LargeCredentialList.Count);
        var fleet = await PushAsync(Fleet, fleetCount);
        return
        [
            new BenchmarkFigure("credentials_push.1_agent_s", one.Seconds, "s", one.Context),
            new BenchmarkFigure("credentials_push.1_agent_ctl_peak_rss_mb", one.PeakMb, "MB", one.Context),
            new BenchmarkFigure("credentials_push.10_agents_s", fleet.Seconds, "s", fleet.Context),
            new BenchmarkFigure("credentials_push.10_agents_ctl_peak_rss_mb", fleet.PeakMb, "MB", fleet.Context),
        ];
    }

    private static async Task<(double Seconds, double PeakMb, Dictionary<string, object> Context)> PushAsync(int agents, int count)
    {
        Console.Error.WriteLine($"bench: credentials push of {count:N0} credentials to {agents} agent(s)");
        using var folder = new TempDirectory("mailroom-bench-push");
        await using var broker = await MosquittoBroker.StartAsync();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var keyFile = folder.File("bench.key");
        await File.WriteAllTextAsync(keyFile, key.ExportPkcs8PrivateKeyPem());
        var publicKey = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
        var csv = folder.File("list.csv");
        await using (var writer = new StreamWriter(csv))
            CredentialCsv.Write(writer, Enumerable.Range(0, count).Select(i => CredentialSyncPayloads.Card(i)));

        await using var status = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, "mailroom/v1/bench/+/status", TimeSpan.FromMinutes(1));
        var processes = new List<Process>();
        try
        {
            for (var i = 1; i <= agents; i++)
            {
                var config = folder.File($"agent-{i}.json");
                await AgentProcess.WriteConfigAsync(config, "bench", $"edge-{i}", folder.File($"data-{i}"), broker, ("bench", publicKey));
                processes.Add(AgentProcess.Start(config));
            }
            for (var i = 1; i <= agents; i++)
            {
                var topic = $"mailroom/v1/bench/edge-{i}/status";
                await status.WaitForAsync(m => m.Topic == topic && Encoding.UTF8.GetString(m.Payload).Contains("\"online\"", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
            }

            var (seconds, peakKb, lastHwmKb, stdout) = await RunCtlAsync(folder, broker, keyFile, csv);
            var applied = Regex.Matches(stdout, @"^edge-\d+\s+applied\s+snapshot\s+1\s+(\d+)\s+yes", RegexOptions.Multiline);
            if (applied.Count != agents || applied.Any(m => m.Groups[1].Value != count.ToString(CultureInfo.InvariantCulture)))
                throw new InvalidOperationException($"not every agent applied the list:{Environment.NewLine}{stdout}");
            var context = new Dictionary<string, object>
            {
                ["agents"] = agents,
                ["credentials_per_agent"] = count,
                ["csv_mb"] = Math.Round(new FileInfo(csv).Length / 1e6, 1),
                ["chunk_size"] = 2000,
                ["parallel"] = agents,
                ["ctl_peak_rss_mb"] = Math.Round(peakKb * 1024 / 1e6, 1),
                ["ctl_last_vmhwm_mb"] = Math.Round(lastHwmKb * 1024 / 1e6, 1),
                ["measured"] = "mailroomctl child process: wall time start to exit; peak = ru_maxrss (/usr/bin/time -f %M)",
                ["agent"] = "mailroom-edge run (child processes), simulated chip, signed sync, private mosquitto 127.0.0.1, all on this machine",
                ["table"] = stdout.Trim(),
            };
            return (seconds, Math.Round(peakKb * 1024 / 1e6, 1), context);
        }
        finally
        {
            foreach (var agent in processes)
            {
                agent.Kill(entireProcessTree: true);
                await agent.WaitForExitAsync();
                agent.Dispose();
            }
        }
    }

    private static async Task<(double Seconds, long PeakKb, long LastHwmKb, string Stdout)> RunCtlAsync(TempDirectory folder, MosquittoBroker broker, string keyFile, string csv)
    {
        var peakFile = folder.File("ctl.maxrss");
        var start = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            "-f", "%M", "-o", peakFile, "dotnet", Path.Combine(AppContext.BaseDirectory, "mailroomctl.dll"), "credentials", "push",
            "--broker", $"{broker.Host}:{broker.Port}", "--site", "bench", "--key-name", "bench", "--key", keyFile, "--csv", csv,
            "--state", folder.File("state"), "--parallel", "10", "--chunk-size", "2000", "--timeout", "120", "--apply-timeout", "3600",
        })
            start.ArgumentList.Add(arg);
        var started = Stopwatch.GetTimestamp();
        using var ctl = Process.Start(start)!;
        var stdout = ctl.StandardOutput.ReadToEndAsync();
        var stderr = ctl.StandardError.ReadToEndAsync();
        long lastHwmKb = 0;
        while (!ctl.HasExited)
        {
            lastHwmKb = Math.Max(lastHwmKb, ChildHwmKb(ctl.Id));
            await Task.WhenAny(ctl.WaitForExitAsync(), Task.Delay(100));
        }
        await ctl.WaitForExitAsync();
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.Error.Write(await stderr);
        if (ctl.ExitCode != 0)
            throw new InvalidOperationException($"mailroomctl exited {ctl.ExitCode}:{Environment.NewLine}{await stdout}");
        var peakKb = long.Parse((await File.ReadAllLinesAsync(peakFile)).Last(l => l.Length > 0).Trim(), CultureInfo.InvariantCulture);
        return (seconds, peakKb, lastHwmKb, await stdout);
    }

    /// <summary>VmHWM (kB) of the child of <paramref name="timePid"/> (mailroomctl under /usr/bin/time), 0 when gone.</summary>
    private static long ChildHwmKb(int timePid)
    {
        try
        {
            var child = File.ReadAllText($"/proc/{timePid}/task/{timePid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (child is null)
                return 0;
            var line = File.ReadLines($"/proc/{child}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0; // it exited between the reads
        }
    }
}
