using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Host.Doors;
using Mailroom.Edge.Host.Health;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Host.Services;

/// <summary>
/// One loop per Wiegand reader of the <see cref="DoorAssembly"/> (OSDP readers are polled by <c>OsdpService</c>): assembles frames from the kernel timestamps of its D0/D1 lines
/// and hands each to the reader's <see cref="Core.Access.AccessPoint"/>. The assembly (and with it every reader's lines)
/// is built when this service is, so once the host has started every reader is listening (since .NET 10,
/// <c>ExecuteAsync</c> runs later, on the thread pool). A fault on one frame is logged and the loop goes on; a loop stuck
/// inside a frame stops the systemd watchdog.
/// </summary>
public sealed class ReaderService(
    IGpioChip chip,
    DoorAssembly assembly,
    TimeProvider time,
    LoopHeartbeats heartbeats,
    ILogger<ReaderService> logger) : BackgroundService
{
    /// <summary>One frame (lookup, queued event, strike command) takes milliseconds; far longer means a stuck door loop.</summary>
    internal static readonly TimeSpan FrameHandlingLimit = TimeSpan.FromSeconds(10);

    // Registered at construction so the systemd watchdog knows every loop before any of them starts.
    private readonly IReadOnlyList<(AssembledReader Reader, LoopHeartbeat Heartbeat)> _loops = [.. assembly.Readers
        .Where(r => r.Input is not null).Select(r => (r, heartbeats.Register($"reader {r.Name}", FrameHandlingLimit)))];

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (reader, heartbeat) in _loops)
        {
            heartbeat.MarkReady();
            var s = reader.Settings;
            logger.LogInformation("Reader {Reader} ({Kind}) on {D0}/{D1} for door {Door} accepts {Formats}", reader.Name, s.Kind,
                s.D0, s.D1, s.Door, s.Kind == ReaderKind.Keypad ? "keys" : string.Join(",", s.EffectiveFormats));
        }
        return base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_loops.Select(l => RunAsync(l.Reader, l.Heartbeat, stoppingToken)));

    private async Task RunAsync(AssembledReader reader, LoopHeartbeat heartbeat, CancellationToken stoppingToken)
    {
        var loop = new WiegandReaderLoop(chip, reader.Input!.Lines, reader.Input.Assembler, time);
        try
        {
            await loop.RunAsync(frame =>
            {
                Handle(reader, heartbeat, frame);
                return ValueTask.CompletedTask;
            }, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            heartbeat.MarkEnded();
        }
    }

    private void Handle(AssembledReader reader, LoopHeartbeat heartbeat, WiegandFrame frame)
    {
        using var busy = heartbeat.Busy();
        try
        {
            // The event is queued, not awaited: the port makes it durable (and retries) while the reader takes the next frame.
            var (decision, _) = reader.AccessPoint.Decide(frame);
            if (decision is not null)
            {
                logger.LogInformation("{Reader}: {Format} {Facility}/{Number} {Verdict}{Reason}", reader.Name,
                    decision.Credential.Format, decision.Credential.Facility, decision.Credential.Number,
                    decision.Granted ? "granted" : "denied", decision.Reason is { } r ? $" ({WireNames.Of(r)})" : "");
            }
            else if (frame.Outcome != WiegandFrameOutcome.Complete)
            {
                logger.LogWarning("{Reader}: {Outcome} frame of {Bits} bits: {Problem}", reader.Name, frame.Outcome, frame.BitCount, frame.Problem);
            }
        }
        catch (Exception e)
        {
            logger.LogError(e, "{Reader}: handling a frame failed; the reader keeps running", reader.Name);
        }
    }
}
