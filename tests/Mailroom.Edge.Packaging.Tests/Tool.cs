using System.Diagnostics;

namespace Mailroom.Edge.Packaging.Tests;

/// <summary>Runs a program to completion and captures its output; a test's window onto dpkg and systemd-analyze.</summary>
internal static class Tool
{
    public static ToolResult Run(string program, IEnumerable<string> arguments, IDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // A null value removes the variable from the child's environment.
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not finish");
        }
        return new ToolResult($"{program} {string.Join(' ', start.ArgumentList)}", process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The full path of <paramref name="program"/> on PATH (or on <paramref name="path"/>), or null.</summary>
    public static string? Find(string program, string? path = null) =>
        (path ?? Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
