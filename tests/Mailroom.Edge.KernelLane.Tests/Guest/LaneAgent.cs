using System.Diagnostics;
using System.Text;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.KernelLane.Tests.Guest;

/// <summary>
/// The agent as the package installs it (<c>/opt/mailroom-edge/mailroom-edge</c>, self-contained, named by
/// <c>LANE_AGENT</c>), run as a child process: one verb to its exit, or <c>run</c> in the background.
/// </summary>
public sealed class LaneAgent : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private LaneAgent(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Exited = _process.WaitForExitAsync();
    }

    /// <summary>Completes when the process has exited, however it ended.</summary>
    public Task Exited { get; }

    public sealed record Result(int ExitCode, string Output);

    public int ProcessId => _process.Id;

    /// <summary>Everything it printed so far, stdout and stderr interleaved, for assertion messages.</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public static string Executable =>
        Environment.GetEnvironmentVariable("LANE_AGENT")
        ?? throw new InvalidOperationException("LANE_AGENT is not set: these tests run in the kernel lane's guest (tests/kernel-lane/lane.sh).");

    public static LaneAgent Start(IReadOnlyList<string> args, NotifySocket? systemd = null)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        if (systemd is not null) start.Environment["NOTIFY_SOCKET"] = systemd.Address;
        return new LaneAgent(Process.Start(start)!);
    }

    public static async Task<Result> RunAsync(params string[] args)
    {
        await using var agent = Start(args);
        return new Result(await agent.WaitForExitAsync(TimeSpan.FromSeconds(120)), agent.Output);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public void Signal(int signal) => _ = PosixSignals.Kill(_process.Id, signal);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
