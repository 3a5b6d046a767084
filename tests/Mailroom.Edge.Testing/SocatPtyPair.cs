using System.ComponentModel;
using System.Diagnostics;

namespace Mailroom.Edge.Testing;

/// <summary>
/// Two pseudo-terminals joined by socat: a serial line without hardware, the panel at one end and a reader at the
/// other, each a real tty that termios calls work on. Readiness is awaited on socat's own log (it prints both
/// "PTY is /dev/pts/N" lines, then "starting data transfer loop" once the links exist), never by sleeping. socat is
/// killed on dispose and, should a test runner exit without disposing, on process exit.
/// </summary>
public sealed class SocatPtyPair : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private readonly TempDirectory _directory = new("socat-pty");
    private readonly BrokerLog _log = new();
    private Process? _process;

    private SocatPtyPair()
    {
    }

    /// <summary>The panel's end: a symbolic link to one pseudo-terminal.</summary>
    public string PanelSide => _directory.File("panel");

    /// <summary>The reader's end: a symbolic link to the other pseudo-terminal.</summary>
    public string ReaderSide => _directory.File("reader");

    /// <summary>Everything socat printed so far, for assertion messages.</summary>
    public string Output => _log.Text;

    public static async Task<SocatPtyPair> StartAsync()
    {
        var pair = new SocatPtyPair();
        try
        {
            await pair.LaunchAsync();
            return pair;
        }
        catch
        {
            await pair.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills socat and waits for it: both pseudo-terminals' far ends close, so each side sees a hang-up.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        _directory.Dispose();
    }

    private async Task LaunchAsync()
    {
        // -d -d: notices, which name the pseudo-terminals and say when the transfer loop runs.
        var start = new ProcessStartInfo("socat")
        {
            ArgumentList = { "-d", "-d", $"pty,raw,echo=0,link={PanelSide}", $"pty,raw,echo=0,link={ReaderSide}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => _log.Append(e.Data);
        process.ErrorDataReceived += (_, e) => _log.Append(e.Data);
        process.Exited += (_, _) => _log.Fail($"socat exited with code {process.ExitCode}");
        var running = _log.WaitForAsync("starting data transfer loop", StartTimeout);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new InvalidOperationException("socat is not installed: apt-get install socat (./build.sh test installs it).", e);
        }

        _process = process;
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await running;
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"socat did not join two pseudo-terminals: {e.Message}\n{Output}", e);
        }
    }

    private void KillOnExit(object? sender, EventArgs e)
    {
        if (_process is { HasExited: false } process) process.Kill();
    }
}
