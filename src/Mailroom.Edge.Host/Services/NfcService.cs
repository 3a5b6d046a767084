using Mailroom.Edge.Core.Readers.Nfc;
using Mailroom.Edge.Host.Doors;
using Mailroom.Edge.Host.Health;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Host.Services;

/// <summary>
/// One thread per NFC reader of the <see cref="DoorAssembly"/>, each polling its chip (a poll is a few blocking bus
/// transfers; the thread pool is no place for it). A chip that fails is reset and opened again by its loop, which raises
/// <c>alarm.reader_offline</c>; nothing here can stop the service or another reader.
/// </summary>
public sealed class NfcService(DoorAssembly assembly, LoopHeartbeats heartbeats, ILogger<NfcService> logger) : IHostedService, IDisposable
{
    /// <summary>A poll is a few bus transfers and, with a card, one decision; far longer means a wedged bus.</summary>
    internal static readonly TimeSpan PollLimit = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Thread> _threads = [];

    // Registered at construction so the systemd watchdog knows every loop before any of them starts.
    private readonly IReadOnlyList<(AssembledReader Reader, LoopHeartbeat Heartbeat)> _readers = [.. assembly.Readers
        .Where(r => r.Nfc is not null).Select(r => (r, heartbeats.Register($"nfc {r.Name}", PollLimit)))];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (reader, heartbeat) in _readers)
        {
            heartbeat.MarkReady();
            logger.LogInformation("NFC reader {Reader}: {Chip} on {Bus} for door {Door} accepts {Formats}", reader.Name,
                reader.Settings.Chip, reader.Settings.Bus, reader.Settings.Door, string.Join(",", reader.Settings.EffectiveFormats));
            var thread = new Thread(() => Run(reader.Nfc!, heartbeat)) { IsBackground = true, Name = $"nfc {reader.Name}" };
            _threads.Add(thread);
            thread.Start();
        }
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        foreach (var thread in _threads)
            thread.Join();
    }

    public void Dispose() => _stopping.Dispose();

    private void Run(NfcReaderLoop loop, LoopHeartbeat heartbeat)
    {
        var stopping = _stopping.Token;
        var reported = loop.Counters.Snapshot();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var wait = NfcTiming.Default.PollInterval;
                try
                {
                    using (heartbeat.Busy())
                        wait = loop.PollOnce();
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // A fault deciding one card (a store, an event) must not end the reader: the next poll goes on.
                    logger.LogError(e, "NFC reader {Reader}: a poll failed; polling goes on", loop.Reader);
                }
                reported = Report(loop, reported);
                stopping.WaitHandle.WaitOne(wait);
            }
        }
        finally
        {
            heartbeat.MarkEnded();
        }
    }

    /// <summary>Logs a chip coming online (what it is) or failing (why), once per change.</summary>
    private NfcReaderCountersSnapshot Report(NfcReaderLoop loop, NfcReaderCountersSnapshot before)
    {
        var now = loop.Counters.Snapshot();
        if (now.Opens != before.Opens)
            logger.LogInformation("NFC reader {Reader}: {Identity}", loop.Reader, now.Identity);
        if (now.ChipErrors != before.ChipErrors && now.LastProblem != before.LastProblem)
            logger.LogError("NFC reader {Reader}: {Problem}", loop.Reader, now.LastProblem);
        return now;
    }
}
