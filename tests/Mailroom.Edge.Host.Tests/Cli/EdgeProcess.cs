using System.Diagnostics;

namespace Mailroom.Edge.Host.Tests.Cli;

/// <summary>Runs the built <c>mailroom-edge</c> as a separate process, as an installer would.</summary>
internal static class EdgeProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Task<Result> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    /// <summary>Runs it with <paramref name="stdin"/> as its standard input (closed after it), or none when null.</summary>
    public static async Task<Result> RunWithInputAsync(string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin is not null, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mailroom-edge.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        // Keep the machine's MAILROOM_* variables (if any) out of the test.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MAILROOM_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(key);
        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
