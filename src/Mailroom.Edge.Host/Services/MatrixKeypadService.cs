using Mailroom.Edge.Devices.Keypads;
using Mailroom.Edge.Host.Doors;
using Mailroom.Edge.Host.Health;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Host.Services;

/// <summary>
/// Scans every matrix keypad of the <see cref="DoorAssembly"/>, each on a thread of its own (<see cref="KeyMatrixScanLoop"/>):
/// keys go to the reader's PIN entry, problems (several keys, a stuck key) to the log and to <c>reader.frame_rejected</c>.
/// A scan stuck in the driver stops the systemd watchdog. Stopping joins each thread and releases the keypad's lines.
/// </summary>
public sealed class MatrixKeypadService(
    DoorAssembly assembly,
    TimeProvider time,
    LoopHeartbeats heartbeats,
    ILogger<MatrixKeypadService> logger) : IHostedService
{
    /// <summary>A scan is a few line reads; a second means the driver is wedged.</summary>
    internal static readonly TimeSpan ScanLimit = TimeSpan.FromSeconds(1);

    // Registered at construction so the systemd watchdog knows every loop before any of them starts.
    private readonly IReadOnlyList<(AssembledReader Reader, LoopHeartbeat Heartbeat)> _keypads = [.. assembly.Readers
        .Where(r => r.Matrix is not null).Select(r => (r, heartbeats.Register($"keypad {r.Name}", ScanLimit)))];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (reader, heartbeat) in _keypads)
        {
            var s = reader.Settings;
            logger.LogInformation("Matrix keypad {Reader} ({Keys}) on rows {Rows} and columns {Columns} for door {Door}, scanned every {Interval} ms",
                reader.Name, reader.Matrix!.Layout.Keys, string.Join(",", s.Rows), string.Join(",", s.Columns), s.Door, s.ScanInterval.TotalMilliseconds);
            reader.Matrix.Start(reader, time, logger, () => heartbeat.Busy());
            heartbeat.MarkReady();
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var (reader, heartbeat) in _keypads)
        {
            reader.Matrix!.Dispose();
            heartbeat.MarkEnded();
        }
        return Task.CompletedTask;
    }
}
