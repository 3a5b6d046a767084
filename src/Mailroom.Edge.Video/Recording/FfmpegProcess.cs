using System.Diagnostics;
using System.Runtime.InteropServices;
using Mailroom.Edge.Video.Recording.Interop;

namespace Mailroom.Edge.Video.Recording;

/// <summary>
/// One ffmpeg child process in its own session and process group. It is started through <c>setsid</c>: .NET cannot run
/// code between fork and exec (no setpgid hook), and a child of the agent is never a group leader, so setsid execs
/// ffmpeg in place — same pid, and pid = process group id. The own group means a terminal's Ctrl-C does not reach
/// ffmpeg behind the agent's back, and stopping signals the whole group (ffmpeg plus anything it spawned).
/// stdin is closed at once (ffmpeg reads commands from it), stdout is discarded, stderr lines go to a bounded ring.
/// It inherits none of the agent's descriptors (<see cref="Libc.SealDescriptors"/>).
/// </summary>
public sealed class FfmpegProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task _stderrPump;

    private FfmpegProcess(Process process, StderrRing stderr, Func<string, string> scrub)
    {
        _process = process;
        Stderr = stderr;
        _process.StandardInput.Close();
        _stderrPump = PumpAsync(process.StandardError, stderr, scrub);
        _ = DrainAsync(process.StandardOutput);
        Exited = process.WaitForExitAsync();
    }

    public int Id => _process.Id;

    public StderrRing Stderr { get; }

    /// <summary>Completes when the process has exited.</summary>
    public Task Exited { get; }

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Starts ffmpeg through setsid; <paramref name="scrub"/> is applied to each stderr line before it is kept (credentials).</summary>
    public static FfmpegProcess Start(
        string setsid, string ffmpeg, IEnumerable<string> arguments, string workingDirectory, StderrRing stderr, Func<string, string> scrub)
    {
        var info = new ProcessStartInfo(setsid)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(ffmpeg);
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        Libc.SealDescriptors();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {ffmpeg}");
        return new FfmpegProcess(process, stderr, scrub);
    }

    /// <summary>Runs ffmpeg to completion (export, snapshot); throws with its stderr when it fails.</summary>
    public static async Task RunAsync(string setsid, string ffmpeg, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var process = Start(setsid, ffmpeg, arguments, workingDirectory, new StderrRing(20), line => line);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.Exited.WaitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            await process.StopAsync(TimeSpan.FromSeconds(1));
            throw;
        }
        await process._stderrPump;
        if (process.ExitCode != 0)
            throw new FfmpegException($"ffmpeg exited with {process.ExitCode}: {string.Join(" | ", process.Stderr.Snapshot())}");
    }

    /// <summary>SIGTERM to the group (ffmpeg closes its current segment and list), wait, then SIGKILL to the group.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
            return;
        Signal(Libc.SIGTERM);
        try
        {
            await Exited.WaitAsync(grace);
        }
        catch (TimeoutException)
        {
            Signal(Libc.SIGKILL);
            await Exited;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            Signal(Libc.SIGKILL);
        _process.Dispose();
    }

    private void Signal(int signal)
    {
        // A negative pid addresses the process group; ESRCH (already gone) is fine.
        if (Libc.Kill(-_process.Id, signal) != 0 && Marshal.GetLastPInvokeError() != 3)
            _process.Kill(entireProcessTree: true);
    }

    private static async Task PumpAsync(StreamReader reader, StderrRing ring, Func<string, string> scrub)
    {
        while (await reader.ReadLineAsync() is { } line)
            ring.Add(scrub(line));
    }

    private static async Task DrainAsync(StreamReader reader)
    {
        var buffer = new char[1024];
        while (await reader.ReadAsync(buffer) > 0)
        {
        }
    }
}
