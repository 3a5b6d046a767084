using System.Diagnostics;

namespace Mailroom.Edge.Host.Tests.Cli;

/// <summary>Runs the built <c>mailroom-edge</c> (or <c>mailroomctl</c>) as a separate process, as an installer (or an
/// operator) would.</summary>
internal static class EdgeProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Task<Result> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    /// <summary>Runs <c>mailroomctl</c> with <paramref name="args"/>, its output captured.</summary>
    public static async Task<Result> RunCtlAsync(params string[] args)
    {
        using var process = Start("mailroomctl.dll", redirectInput: false, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        return await WaitAsync(process, stdout, stderr);
    }

    /// <summary>Runs it with <paramref name="stdin"/> as its standard input (closed after it), or none when null.</summary>
    public static async Task<Result> RunWithInputAsync(string? stdin, params string[] args)
    {
        using var process = Start(stdin is not null, args);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        return await WaitAsync(process, stdout, stderr);
    }

    /// <summary>
    /// Runs it until it writes a standard-error line containing <paramref name="ready"/>, then sends it
    /// <paramref name="signal"/> (a name <c>kill -s</c> takes, e.g. TERM), as a user's Ctrl-C or <c>systemctl stop</c> would.
    /// </summary>
    public static Task<Result> RunUntilSignalledAsync(string ready, string signal, params string[] args) =>
        RunUntilSignalledAsync("mailroom-edge.dll", ready, signal, args);

    /// <summary>As <see cref="RunUntilSignalledAsync(string, string, string[])"/>, for <c>mailroomctl</c> (Ctrl-C is INT).</summary>
    public static Task<Result> RunCtlUntilSignalledAsync(string ready, string signal, params string[] args) =>
        RunUntilSignalledAsync("mailroomctl.dll", ready, signal, args);

    private static async Task<Result> RunUntilSignalledAsync(string program, string ready, string signal, string[] args)
    {
        using var process = Start(program, redirectInput: false, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = new System.Text.StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            stderr.AppendLine(line);
            if (!line.Contains(ready, StringComparison.Ordinal))
                continue;
            using var kill = Process.Start("kill", ["-s", signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync(timeout.Token);
            break;
        }
        var rest = process.StandardError.ReadToEndAsync(timeout.Token);
        var result = await WaitAsync(process, stdout, rest);
        return result with { Stderr = stderr + result.Stderr };
    }

    internal static Process Start(bool redirectInput, string[] args) => Start("mailroom-edge.dll", redirectInput, args);

    private static Process Start(string program, bool redirectInput, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = redirectInput, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, program));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        // Keep the machine's MAILROOM_* variables (if any) out of the test.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MAILROOM_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(key);
        return Process.Start(start)!;
    }

    private static async Task<Result> WaitAsync(Process process, Task<string> stdout, Task<string> stderr)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
