using System.Diagnostics;
using System.Text.Json;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Benchmarks;

/// <summary>The real agent as a child process (what a device runs), and its memory as /proc reports it.</summary>
internal static class AgentProcess
{
    /// <summary>
    /// Writes the configuration of an agent on the simulated chip (one door, one reader) against
    /// <paramref name="broker"/>; with <paramref name="operatorKey"/> (name, base64 SubjectPublicKeyInfo) it trusts that
    /// key for signed commands, and so requires signed credential sync.
    /// </summary>
    public static Task WriteConfigAsync(string path, string site, string device, string dataDirectory, MosquittoBroker broker, (string Name, string PublicKey)? operatorKey = null)
    {
        var config = new Dictionary<string, object>
        {
            ["Site"] = site,
            ["Device"] = device,
            ["DataDirectory"] = dataDirectory,
            ["Mqtt"] = new { broker.Host, broker.Port },
            ["Gpio"] = new { Chip = "simulated" },
            ["Doors"] = new { front = new { Strike = new { Line = "GPIO17" } } },
            ["Readers"] = new { front_in = new { Door = "front", D0 = "GPIO23", D1 = "GPIO24" } },
            ["Logs"] = new { Directory = "" },
        };
        if (operatorKey is { } key)
            config["Commands"] = new { Keys = new Dictionary<string, object> { [key.Name] = new { key.PublicKey } }, ClockSynchronised = "Yes" };
        return File.WriteAllTextAsync(path, JsonSerializer.Serialize(config));
    }

    /// <summary>Starts <c>mailroom-edge run --config CONFIG</c> from the benchmark's folder; its log goes to stderr as <c>agent:</c> lines.</summary>
    public static Process Start(string config)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mailroom-edge.dll"));
        start.ArgumentList.Add("run");
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(config);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MAILROOM_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(key);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
                Console.Error.WriteLine($"agent: {line}");
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>A kB field of /proc/PID/status, in MB (10^6 bytes).</summary>
    public static double ReadStatus(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        var kb = long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        return Math.Round(kb * 1024 / 1e6, 1);
    }
}
