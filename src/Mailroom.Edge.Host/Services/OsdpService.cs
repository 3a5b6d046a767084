using Mailroom.Edge.Core.Readers.Osdp;
using Mailroom.Edge.Core.Readers.Osdp.Panel;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Doors;
using Mailroom.Edge.Host.Health;
using Mailroom.Edge.Host.Osdp;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Host.Services;

/// <summary>
/// One poll loop per OSDP bus of the <see cref="DoorAssembly"/>, each on a thread of its own (a round is a sequence of
/// blocking half-duplex exchanges; the thread pool is no place for it). A port that cannot be opened, or fails, is
/// logged and opened again every second; meanwhile its readers' polls go unanswered, so they raise
/// <c>alarm.reader_offline</c> as a cut bus would. Nothing here can stop the service or another bus.
/// </summary>
public sealed class OsdpService(
    DoorAssembly assembly,
    EdgeOptions options,
    OsdpKeyFile keys,
    Func<string, int, IOsdpLink> openPort,
    TimeProvider time,
    LoopHeartbeats heartbeats,
    ILogger<OsdpService> logger) : IHostedService, IDisposable
{
    /// <summary>A round is a few exchanges of at most a reply timeout each; far longer means a wedged serial port.</summary>
    internal static readonly TimeSpan RoundLimit = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Thread> _threads = [];
    private ITimer? _installRequests;
    private string? _keyFileProblem;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (assembly.OsdpBuses.Count > 0)
            _installRequests = time.CreateTimer(_ => TakeInstallRequests(), null, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        foreach (var bus in assembly.OsdpBuses)
        {
            var heartbeat = heartbeats.Register($"osdp {bus.Port}", RoundLimit);
            heartbeat.MarkReady();
            logger.LogInformation("OSDP bus {Port} at {Baud} baud: {Readers}", bus.Port, bus.Baud,
                string.Join(", ", bus.Readers.Select(r => $"{r.Profile.Reader} (address {r.Address}, {r.Profile.Security})")));
            var thread = new Thread(() => Run(bus, heartbeat)) { IsBackground = true, Name = $"osdp {bus.Port}" };
            _threads.Add(thread);
            thread.Start();
        }
        return Task.CompletedTask;
    }

    private void TakeInstallRequests()
    {
        // The key file is read at each handshake; what went wrong with it is said once, and again when it changes.
        if (keys.Problem != _keyFileProblem)
        {
            _keyFileProblem = keys.Problem;
            if (_keyFileProblem is not null)
                logger.LogError("OSDP key file: {Problem}; readers without a usable key are not polled (docs/osdp.md)", _keyFileProblem);
        }
        try
        {
            foreach (var (reader, window) in OsdpInstallRequests.TakeAll(options.DataDirectory))
            {
                if (OsdpInstallWindow.Open(assembly, reader, window, "local") is { } problem)
                    logger.LogWarning("osdp install for {Reader} refused: {Problem}", reader, problem);
                else
                    logger.LogWarning("OSDP reader {Reader}: install mode on for {Window} (asked on the device)", reader, window);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogError("osdp install requests in {Folder}: {Problem}", options.DataDirectory, e.Message);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_installRequests is not null)
            await _installRequests.DisposeAsync();
        await _stopping.CancelAsync();
        foreach (var thread in _threads)
            thread.Join();
        foreach (var reader in assembly.OsdpBuses.SelectMany(b => b.Readers).Where(r => r.Installing))
            reader.CancelInstall();
    }

    public void Dispose()
    {
        _installRequests?.Dispose();
        _stopping.Dispose();
    }

    private void Run(OsdpBus bus, LoopHeartbeat heartbeat)
    {
        var stopping = _stopping.Token;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                using var link = Open(bus);
                using var loop = new OsdpPollLoop(link ?? new UnavailablePort(bus.Port, bus.Baud), bus.Readers, time);
                if (link is null)
                {
                    // No port: one round of unanswered polls (the readers count towards offline), then try again.
                    using (heartbeat.Busy())
                        loop.RunRound();
                    stopping.WaitHandle.WaitOne(OsdpTiming.Default.OfflineRetry);
                    continue;
                }
                RunUntilFailure(bus, loop, heartbeat, stopping);
            }
        }
        finally
        {
            heartbeat.MarkEnded();
        }
    }

    private void RunUntilFailure(OsdpBus bus, OsdpPollLoop loop, LoopHeartbeat heartbeat, CancellationToken stopping)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var started = time.GetTimestamp();
                try
                {
                    using (heartbeat.Busy())
                        loop.RunRound();
                }
                catch (Exception e) when (e is not (IOException or UnauthorizedAccessException))
                {
                    // A fault handling one reply (a decision, an event) must not end the bus: the next round goes on.
                    logger.LogError(e, "OSDP bus {Port}: a round failed; polling goes on", bus.Port);
                }
                loop.WaitForNextRound(started, stopping);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogError("OSDP bus {Port}: {Problem}; reopening it", bus.Port, e.Message);
            stopping.WaitHandle.WaitOne(OsdpTiming.Default.OfflineRetry);
        }
    }

    private IOsdpLink? Open(OsdpBus bus)
    {
        try
        {
            return openPort(bus.Port, bus.Baud);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            logger.LogError("OSDP bus {Port}: {Problem}", bus.Port, e.Message);
            return null;
        }
    }

    /// <summary>A port that could not be opened: nothing goes out, nothing comes back.</summary>
    private sealed class UnavailablePort(string port, int baud) : IOsdpLink
    {
        public string Port => port;

        public int Baud => baud;

        public void Write(ReadOnlySpan<byte> bytes)
        {
        }

        public int Read(Span<byte> buffer, TimeSpan timeout) => 0;

        public void DiscardInput()
        {
        }

        public void Dispose()
        {
        }
    }
}
