using System.Collections.Concurrent;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Feedback;
using Mailroom.Edge.Core.Readers.Keypad;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Host.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Host.Agent;

/// <summary>
/// One loop per configured reader: requests its D0/D1 lines, assembles frames from the kernel timestamps and hands
/// each to the reader's <see cref="AccessPoint"/>. A fault on one frame is logged and the loop goes on.
/// </summary>
public sealed class ReaderService(
    IGpioChip chip,
    EdgeOptions options,
    DoorHardware doors,
    AccessPolicy policy,
    IEventSink events,
    TimeProvider time,
    ILogger<ReaderService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(options.Readers.Select(r => RunReaderAsync(new ReaderId(r.Key), r.Value, stoppingToken)));

    private async Task RunReaderAsync(ReaderId reader, ReaderOptions settings, CancellationToken stoppingToken)
    {
        var d0 = chip.ResolveLine(settings.D0);
        var d1 = chip.ResolveLine(settings.D1);
        using var lines = WiegandLines.Request(chip, $"mailroom-edge:{reader}", d0, d1, options.Gpio.EventBufferSize);
        var door = new DoorId(settings.Door);
        var catalog = CardFormatBinding.Catalog(options);
        var formats = settings.EffectiveFormats.Select(f => catalog.Find(f)!).ToList();
        using var feedbackLines = RequestFeedback(reader, settings.Feedback, out var feedbackWiring);
        using var feedback = feedbackLines is null ? null : new ReaderFeedbackPlayer(feedbackLines, feedbackWiring!, time);
        var patterns = CardFormatBinding.Patterns($"Readers:{reader}", settings.Feedback, []);
        var frontEnd = new ReaderFrontEnd
        {
            Kind = settings.Kind,
            Diagnostics = Diagnostics.GetOrAdd(reader, _ => new ReaderDiagnostics()),
            Feedback = feedback,
            Granted = patterns[FeedbackPatterns.Granted.Name],
            Denied = patterns[FeedbackPatterns.Denied.Name],
            WaitingForPin = patterns[FeedbackPatterns.WaitingForPin.Name],
            PinEntry = settings.Kind == ReaderKind.Keypad ? new PinEntry(time, settings.PinTimeout, settings.PinMaxDigits) : null,
        };
        using var accessPoint = new AccessPoint(reader, door, formats, policy, doors.Strike(door),
            options.Doors[settings.Door].GrantTime, events, time, frontEnd);
        accessPoint.PinAbandoned += e => _ = AppendQuietlyAsync(reader, e, stoppingToken);
        var loop = new WiegandReaderLoop(chip, lines, new WiegandFrameAssembler(d0, d1, WiegandTiming.Default), time);
        logger.LogInformation("Reader {Reader} ({Kind}) on {D0}/{D1} for door {Door} accepts {Formats}", reader, settings.Kind,
            settings.D0, settings.D1, door, settings.Kind == ReaderKind.Keypad ? "keys" : string.Join(",", settings.EffectiveFormats));

        try
        {
            await loop.RunAsync(frame => HandleAsync(accessPoint, frame, stoppingToken), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Installer diagnostics per reader, for the health report and the CLI.</summary>
    public ConcurrentDictionary<ReaderId, ReaderDiagnostics> Diagnostics { get; } = new();

    private IOutputLineRequest? RequestFeedback(ReaderId reader, ReaderFeedbackOptions f, out ReaderFeedbackLines? wiring)
    {
        wiring = null;
        var green = f.Led ?? f.GreenLed;
        if (green is null && f.RedLed is null && f.Beeper is null)
            return null;
        var settings = new List<OutputLineSettings>();
        LineOffset? Add(string? name)
        {
            if (name is null)
                return null;
            var offset = chip.ResolveLine(name);
            settings.Add(new OutputLineSettings(offset, ActiveLow: f.ActiveLow));
            return offset;
        }
        wiring = new ReaderFeedbackLines(Add(green), Add(f.RedLed), Add(f.Beeper));
        return chip.RequestOutputs($"mailroom-edge:{reader}:feedback", settings);
    }

    private async Task AppendQuietlyAsync(ReaderId reader, DomainEvent domainEvent, CancellationToken stoppingToken)
    {
        try
        {
            await events.AppendAsync(domainEvent, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "{Reader}: appending {Type} failed", reader, domainEvent.Type);
        }
    }

    private async ValueTask HandleAsync(AccessPoint accessPoint, WiegandFrame frame, CancellationToken stoppingToken)
    {
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
}
