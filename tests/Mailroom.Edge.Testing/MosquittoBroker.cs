using System.Diagnostics;
using System.Net.Sockets;

namespace Mailroom.Edge.Testing;

/// <summary>
/// A private mosquitto broker child process on 127.0.0.1 for integration tests. Readiness is awaited on the broker's
/// own "Opening ipv4 listen socket" line plus a TCP connect, never by sleeping. The process is killed on dispose and,
/// should a test runner exit without disposing, on process exit.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private readonly TempDirectory _directory = new("mosquitto");
    private readonly BrokerLog _log = new();
    private Process? _process;

    private readonly MosquittoBrokerOptions _options;

    private MosquittoBroker(int port, MosquittoBrokerOptions? options)
    {
        Port = port;
        _options = options ?? new MosquittoBrokerOptions();
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    /// <summary>Everything the broker printed so far, for assertion messages.</summary>
    public string Output => _log.Text;

    /// <summary>Starts a broker on <paramref name="port"/>, or on a free port. A free port can still be taken by some
    /// client's ephemeral source port before mosquitto binds it, so that case is retried on another port.</summary>
    public static async Task<MosquittoBroker> StartAsync(int? port = null, MosquittoBrokerOptions? options = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var broker = new MosquittoBroker(port ?? FreeTcpPort.Next(), options);
            try
            {
                await broker.LaunchAsync();
                return broker;
            }
            catch (InvalidOperationException) when (port is null && attempt < 3 && broker.Output.Contains("Address already in use", StringComparison.Ordinal))
            {
                await broker.DisposeAsync();
            }
            catch
            {
                await broker.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Waits until the broker logs a line containing <paramref name="text"/> (e.g. "Client x disconnected.").</summary>
    public Task WaitForLogAsync(string text, TimeSpan timeout) => _log.WaitForAsync(text, timeout);

    /// <summary>SIGTERM, then waits for the process to exit: clients see their connection closed.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        _ = PosixSignals.Kill(process.Id, PosixSignals.SigTerm);
        using var timeout = new CancellationTokenSource(StartTimeout);
        await process.WaitForExitAsync(timeout.Token);
        _process = null;
        process.Dispose();
    }

    /// <summary>SIGSTOP: the broker keeps its sockets but answers nothing, so published messages stay unacknowledged.</summary>
    public void Freeze()
    {
        if (_process is { HasExited: false } process)
        {
            _ = PosixSignals.Kill(process.Id, PosixSignals.SigStop);
        }
    }

    /// <summary>SIGKILL, as in a broker crash (also ends a frozen broker).</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            process.WaitForExit();
        }
    }

    /// <summary>Stops the broker and starts a new one on the same port.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        _process = null;
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        _directory.Dispose();
        await Task.CompletedTask;
    }

    private async Task LaunchAsync()
    {
        var config = _directory.File("mosquitto.conf");
        // With persistence, a SIGTERM (StopAsync) saves sessions and queued QoS 1 messages, and a restart loads them.
        // mosquitto started as root drops to the 'mosquitto' user, which must be able to write its database here.
        if (_options.Persistence && !OperatingSystem.IsWindows())
            File.SetUnixFileMode(_directory.Path, (UnixFileMode)0b111_111_111);
        var persistence = _options.Persistence
            ? $"persistence true\npersistence_location {_directory.Path}/\nautosave_interval 0"
            : "persistence false";
        var listener = _options.Listener?.Invoke(Port) ?? $"""
            listener {Port} {Host}
            {_options.ListenerConfig}
            allow_anonymous true
            """;
        await File.WriteAllTextAsync(config, $"""
            {listener}
            {persistence}
            max_queued_messages 0
            log_dest stderr
            log_type error
            log_type warning
            log_type notice
            log_type information
            """);
        _process?.Dispose();
        // "Opening ... socket" is logged before bind; "running" only once every listener is bound.
        var opening = _log.WaitForAsync($"Opening ipv4 listen socket on port {Port}", StartTimeout);
        var started = _log.WaitForAsync(" running", StartTimeout);
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(FindBinary(), ["-c", config])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
            EnableRaisingEvents = true,
        };
        process.OutputDataReceived += (_, e) => _log.Append(e.Data);
        process.ErrorDataReceived += (_, e) => _log.Append(e.Data);
        process.Exited += (sender, _) =>
        {
            // A restart's old process may report its exit late; only the current one fails the waiters.
            if (ReferenceEquals(sender, _process))
            {
                _log.Fail($"mosquitto exited with code {process.ExitCode}");
            }
        };
        process.Start();
        _process = process;
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await opening;
            await started;
            using var client = new TcpClient();
            await client.ConnectAsync(Host, Port).WaitAsync(StartTimeout);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"mosquitto did not start on {Host}:{Port}: {e.Message}\n{Output}", e);
        }
    }

    private void KillOnExit(object? sender, EventArgs e) => Kill();

    private static string FindBinary()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var candidates = path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "mosquitto"))
            .Append("/usr/sbin/mosquitto");
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("The mosquitto broker is not installed: apt-get install mosquitto.");
    }
}
