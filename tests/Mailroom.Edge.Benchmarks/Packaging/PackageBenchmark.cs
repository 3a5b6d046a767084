using System.Diagnostics;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Benchmarks.Packaging;

/// <summary>
/// The self-contained .deb packages as shipped: built by deploy/build-deb.sh (arm64 and amd64; or the packages named by
/// PREBUILT_MAILROOM_DEB, ':'-separated), their file and installed sizes, and the start time of this machine's
/// architecture's agent unpacked from its package: wall time of <c>mailroom-edge config check</c> on the shipped
/// example configuration, median of <see cref="Runs"/> runs after one warm-up, with no .NET on PATH.
/// </summary>
public sealed class PackageBenchmark : IBenchmark
{
    private const int Runs = 9;
    private static readonly string[] Architectures = ["arm64", "amd64"];

    public IReadOnlyList<string> Names =>
    [
        .. Architectures.Select(a => $"package.deb_size_mb_{a}"), .. Architectures.Select(a => $"package.installed_size_mb_{a}"),
        $"package.start_ms_{HostArchitecture}",
    ];

    private static string HostArchitecture => Run("dpkg", ["--print-architecture"]).Trim();

    public Task<IReadOnlyList<BenchmarkFigure>> RunAsync()
    {
        using var work = new TempDirectory("mailroom-package-bench");
        string[] debs;
        if (Environment.GetEnvironmentVariable("PREBUILT_MAILROOM_DEB") is { Length: > 0 } prebuilt)
        {
            debs = prebuilt.Split(':', StringSplitOptions.RemoveEmptyEntries);
        }
        else
        {
            Console.Error.WriteLine("bench: building the packages with deploy/build-deb.sh (a few minutes)");
            debs = Run(ShippedBrokerSite.RepositoryFile("deploy/build-deb.sh"), ["--arch", string.Join(' ', Architectures), "--out", work.Path])
                .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }

        var figures = new List<BenchmarkFigure>();
        string? hostDeb = null;
        foreach (var deb in debs)
        {
            var arch = Run("dpkg-deb", ["-f", deb, "Architecture"]).Trim();
            var installedKb = double.Parse(Run("dpkg-deb", ["-f", deb, "Installed-Size"]).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            var context = new Dictionary<string, object> { ["package"] = Path.GetFileName(deb), ["build"] = "self-contained, not trimmed, xz" };
            figures.Add(new BenchmarkFigure($"package.deb_size_mb_{arch}", new FileInfo(deb).Length / 1e6, "MB", context));
            figures.Add(new BenchmarkFigure($"package.installed_size_mb_{arch}", installedKb * 1024 / 1e6, "MB", context));
            if (arch == HostArchitecture)
                hostDeb = deb;
        }
        if (hostDeb is not null)
            figures.Add(StartTime(hostDeb, work));
        return Task.FromResult<IReadOnlyList<BenchmarkFigure>>(figures);
    }

    private static BenchmarkFigure StartTime(string deb, TempDirectory work)
    {
        var root = work.File("root");
        Run("dpkg-deb", ["-x", deb, root]);
        var agent = Path.Combine(root, "usr/bin/mailroom-edge");
        string[] arguments = ["config", "check", "--config", Path.Combine(root, "etc/mailroom-edge/mailroom-edge.example.json")];
        var samples = new List<double>();
        for (var i = 0; i <= Runs; i++)
        {
            var watch = Stopwatch.StartNew();
            Run(agent, arguments, withoutDotnet: true);
            if (i > 0)
                samples.Add(watch.Elapsed.TotalMilliseconds);
        }
        samples.Sort();
        return new BenchmarkFigure($"package.start_ms_{HostArchitecture}", samples[samples.Count / 2], "ms",
            new Dictionary<string, object>
            {
                ["command"] = "mailroom-edge config check (shipped example config), wall time to exit, unpacked package, no dotnet on PATH",
                ["percentile"] = 50, ["runs"] = Runs, ["min_ms"] = Math.Round(samples[0], 1), ["max_ms"] = Math.Round(samples[^1], 1),
            });
    }

    private static string Run(string program, IEnumerable<string> arguments, bool withoutDotnet = false)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        if (withoutDotnet)
        {
            start.Environment["PATH"] = string.Join(':', (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
                .Where(dir => !File.Exists(Path.Combine(dir, "dotnet"))));
            start.Environment.Remove("DOTNET_ROOT");
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }
}
