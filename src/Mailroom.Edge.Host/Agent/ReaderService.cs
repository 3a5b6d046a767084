using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Health;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Host.Agent;

/// <summary>
/// One loop per configured reader: assembles frames from the kernel timestamps of its D0/D1 lines and hands each to
/// the reader's <see cref="AccessPoint"/>. The lines are requested in <see cref="StartAsync"/>, so once the host has
/// started every reader is listening (since .NET 10, <c>ExecuteAsync</c> runs later, on the thread pool). A fault on
/// one frame is logged and the loop goes on; a loop stuck inside a frame stops the systemd watchdog.
/// </summary>
public sealed class ReaderService(
    IGpioChip chip,
    EdgeOptions options,
    DoorSystem doors,
    IEventSink events,
    TimeProvider time,
    LoopHeartbeats heartbeats,
    ILogger<ReaderService> logger) : BackgroundService
{
    /// <summary>One frame (lookup, durable append, strike command) takes milliseconds; far longer means a stuck door loop.</summary>
    internal static readonly TimeSpan FrameHandlingLimit = TimeSpan.FromSeconds(10);

    // Registered at construction so the systemd watchdog knows every loop before any of them starts.
    private readonly Dictionary<string, LoopHeartbeat> _heartbeats = options.Readers.Keys
        .ToDictionary(r => r, r => heartbeats.Register($"reader {r}", FrameHandlingLimit), StringComparer.Ordinal);

    private readonly List<OpenReader> _readers = [];

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (name, settings) in options.Readers)
            _readers.Add(Open(new ReaderId(name), settings));
        return base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_readers.Select(r => RunAsync(r, stoppingToken)));

    private OpenReader Open(ReaderId reader, ReaderOptions settings)
    {
        var d0 = chip.ResolveLine(settings.D0);
        var d1 = chip.ResolveLine(settings.D1);
        var lines = RequestLines(chip, reader, d0, d1, options.Gpio.EventBufferSize);
        var door = new DoorId(settings.Door);
        var formats = settings.EffectiveFormats.Select(f => CardFormats.Find(f)!).ToList();
        var accessPoint = new AccessPoint(reader, settings.Direction, formats, doors.Rules, doors.Site, doors.Door(door), events, time);
        var loop = new WiegandReaderLoop(chip, lines, new WiegandFrameAssembler(d0, d1, WiegandTiming.Default), time);
        var heartbeat = _heartbeats[reader.Value];
        heartbeat.MarkReady();
        logger.LogInformation("Reader {Reader} on {D0}/{D1} for door {Door} accepts {Formats}", reader, settings.D0, settings.D1, door, string.Join(",", settings.EffectiveFormats));
        return new OpenReader(accessPoint, lines, loop, heartbeat);
    }

    /// <summary>A reader's D0/D1 pair as one request (the simulator requests them the same way).</summary>
    internal static IInputLineRequest RequestLines(IGpioChip chip, ReaderId reader, LineOffset d0, LineOffset d1, int eventBufferSize) =>
        chip.RequestInputs($"mailroom-edge:{reader}", [
            new InputLineSettings(d0, LineBias.PullUp, Edges: EdgeDetection.Both),
            new InputLineSettings(d1, LineBias.PullUp, Edges: EdgeDetection.Both),
        ], eventBufferSize);

    private async Task RunAsync(OpenReader reader, CancellationToken stoppingToken)
    {
        try
        {
            await reader.Loop.RunAsync(frame => HandleAsync(reader, frame, stoppingToken), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            reader.Heartbeat.MarkEnded();
        }
    }

    private async ValueTask HandleAsync(OpenReader reader, WiegandFrame frame, CancellationToken stoppingToken)
    {
        using var busy = reader.Heartbeat.Busy();
        var accessPoint = reader.AccessPoint;
        try
        {
            var decision = await accessPoint.HandleFrameAsync(frame, stoppingToken);
            if (decision is not null)
            {
                logger.LogInformation("{Reader}: {Format} {Facility}/{Number} {Verdict}{Reason}", accessPoint.Reader,
                    decision.Credential.Format, decision.Credential.Facility, decision.Credential.Number,
                    decision.Granted ? "granted" : "denied", decision.Reason is { } r ? $" ({WireNames.Of(r)})" : "");
            }
            else if (frame.Outcome != WiegandFrameOutcome.Complete)
            {
                logger.LogWarning("{Reader}: {Outcome} frame of {Bits} bits: {Problem}", accessPoint.Reader, frame.Outcome, frame.BitCount, frame.Problem);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "{Reader}: handling a frame failed; the reader keeps running", accessPoint.Reader);
        }
    }

    public override void Dispose()
    {
        foreach (var reader in _readers)
            reader.Lines.Dispose();
        _readers.Clear();
        base.Dispose();
    }

    private sealed record OpenReader(AccessPoint AccessPoint, IInputLineRequest Lines, WiegandReaderLoop Loop, LoopHeartbeat Heartbeat);
}
