using System.Diagnostics;
using System.Globalization;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Benchmarks.Gpio;

/// <summary>
/// The kernel lane (tests/kernel-lane/lane.sh, x64 and arm64 under qemu TCG), run twice on one fresh cache: cold
/// (Debian's kernel downloaded, gpio-sim built, guest userspace downloaded) and warm (all of that reused). Reports the
/// lane's durations and the figures its guests measured: the Wiegand pulse widths and intervals the real kernel
/// stamped, the agent's start to READY=1, and what gpio-sim leaves on a strike line whose holder was killed. These are
/// reports, not goals: TCG is slow, and guest time runs on an instruction-counted clock.
/// </summary>
public sealed class KernelLaneBenchmark : IBenchmark
{
    private static readonly string[] Architectures = ["x64", "arm64"];

    public IReadOnlyList<string> Names =>
    [
        "lane.kernel_prepare_s_cold",
        .. Architectures.SelectMany(a => new[] { $"lane.duration_s_{a}_cold", $"lane.duration_s_{a}_warm", $"lane.qemu_s_{a}_warm" }),
        .. Architectures.SelectMany(a => new[] { $"wiegand.kernel_pulse_width_us_max_{a}", $"agent.start_to_ready_ms_{a}" }),
    ];

    public Task<IReadOnlyList<BenchmarkFigure>> RunAsync()
    {
        using var cache = new TempDirectory("mailroom-lane-bench");
        var debs = Environment.GetEnvironmentVariable("PREBUILT_MAILROOM_DEB") is { Length: > 0 } prebuilt
            ? prebuilt
            : string.Join(':', RunScript(ShippedBrokerSite.RepositoryFile("deploy/build-deb.sh"), ["--out", cache.File("debs")], cache.Path)
                .Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var environment = new Dictionary<string, string> { ["LANE_CACHE"] = cache.File("lane"), ["PREBUILT_MAILROOM_DEB"] = debs };

        var figures = new List<BenchmarkFigure>();
        foreach (var run in new[] { "cold", "warm" })
        {
            RunScript(ShippedBrokerSite.RepositoryFile("tests/kernel-lane/lane.sh"), Architectures, cache.Path, environment);
            foreach (var file in Directory.EnumerateFiles(cache.File("lane"), "figures-*.txt"))
            {
                foreach (var (name, value) in Read(file))
                {
                    // The guests' own measurements are taken from the warm run; durations from both.
                    bool duration = name.StartsWith("lane.", StringComparison.Ordinal);
                    if (!duration && run == "cold") continue;
                    figures.Add(new BenchmarkFigure(duration ? $"{name}_{run}" : name, value, UnitOf(name),
                        new Dictionary<string, object> { ["run"] = run, ["cache"] = run == "cold" ? "empty" : "kernel, module and guest userspace reused" }));
                }
            }
        }

        return Task.FromResult<IReadOnlyList<BenchmarkFigure>>(figures);
    }

    private static IEnumerable<(string Name, double Value)> Read(string file) =>
        File.ReadAllLines(file)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts.Length == 3 && parts[0] == "LANE-FIGURE")
            .Select(parts => (parts[1], double.Parse(parts[2], CultureInfo.InvariantCulture)));

    private static string UnitOf(string name) => name switch
    {
        _ when name.Contains("_us", StringComparison.Ordinal) => "µs",
        _ when name.Contains("_ms", StringComparison.Ordinal) => "ms",
        _ when name.Contains("_s_", StringComparison.Ordinal) || name.EndsWith("_s", StringComparison.Ordinal) => "s",
        _ => "count",
    };

    /// <summary>Runs a script with its progress on this process's stderr; returns its stdout; throws if it fails.</summary>
    private static string RunScript(string script, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(script) { RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{script} exited with {process.ExitCode}");
        return stdout;
    }
}
