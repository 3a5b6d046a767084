using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Feedback;
using Mailroom.Edge.Core.Readers.Keypad;
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
    ReaderDiagnosticsRegistry diagnostics,
    EventDispatcher dispatcher,
    ILogger<ReaderService> logger) : BackgroundService
{
    /// <summary>One frame (lookup, durable append, strike command) takes milliseconds; far longer means a stuck door loop.</summary>
    internal static readonly TimeSpan FrameHandlingLimit = TimeSpan.FromSeconds(10);

    // Registered at construction so the systemd watchdog knows every loop before any of them starts.
    private readonly Dictionary<string, LoopHeartbeat> _heartbeats = options.Readers.Keys
        .ToDictionary(r => r, r => heartbeats.Register($"reader {r}", FrameHandlingLimit), StringComparer.Ordinal);

    private readonly List<OpenReader> _readers = [];
    private CancellationTokenSource? _stopping;
    private System.Threading.Channels.ChannelReader<AppendedEvent>? _lockdowns;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _stopping = new CancellationTokenSource();
        // Subscribed here, not in ExecuteAsync (which .NET 10 runs only after every service has started): a lockdown
        // begun right after start would otherwise never show on the readers.
        _lockdowns = dispatcher.Subscribe(64);
        foreach (var (name, settings) in options.Readers)
            _readers.Add(Open(new ReaderId(name), settings));
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is not null)
            await _stopping.CancelAsync();
        await base.StopAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_readers.Select(r => RunAsync(r, stoppingToken)).Append(ShowLockdownAsync(_lockdowns!, stoppingToken)));

    /// <summary>Plays the lockdown pattern on the readers of a door in lockdown (so a person at the door sees why the
    /// card is refused) and stops it when the lockdown ends.</summary>
    private async Task ShowLockdownAsync(System.Threading.Channels.ChannelReader<AppendedEvent> appended, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in appended.ReadAllAsync(stoppingToken))
            {
                if (item.Event is not LockdownChangedEvent lockdown)
                    continue;
                foreach (var reader in _readers.Where(r => r.AccessPoint.Door == lockdown.Door && r.Feedback is not null))
                {
                    if (lockdown.Active)
                        reader.Feedback!.Play(reader.Lockdown);
                    else
                        reader.Feedback!.Stop();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private OpenReader Open(ReaderId reader, ReaderOptions settings)
    {
        var d0 = chip.ResolveLine(settings.D0);
        var d1 = chip.ResolveLine(settings.D1);
        var lines = WiegandLines.Request(chip, $"mailroom-edge:{reader}", d0, d1, options.Gpio.EventBufferSize);
        var door = new DoorId(settings.Door);
        var catalog = CardFormatBinding.Catalog(options);
        var formats = settings.EffectiveFormats.Select(f => catalog.Find(f)!).ToList();
        var feedbackLines = RequestFeedback(reader, settings.Feedback, out var feedbackWiring);
        var feedback = feedbackLines is null ? null : new ReaderFeedbackPlayer(feedbackLines, feedbackWiring!, time);
        var patterns = CardFormatBinding.Patterns($"Readers:{reader}", settings.Feedback, []);
        var frontEnd = new ReaderFrontEnd
        {
            Kind = settings.Kind,
            Diagnostics = diagnostics.For(reader),
            Feedback = feedback,
            Granted = patterns[FeedbackPatterns.Granted.Name],
            Denied = patterns[FeedbackPatterns.Denied.Name],
            WaitingForPin = patterns[FeedbackPatterns.WaitingForPin.Name],
            PinEntry = settings.Kind == ReaderKind.Keypad ? new PinEntry(time, settings.PinTimeout, settings.PinMaxDigits) : null,
        };
        var accessPoint = new AccessPoint(reader, settings.Direction, formats, doors.Rules, doors.Site, doors.Door(door), events, time, frontEnd);
        accessPoint.PinAbandoned += e => _ = AppendQuietlyAsync(reader, e, _stopping!.Token);
        var loop = new WiegandReaderLoop(chip, lines, new WiegandFrameAssembler(d0, d1, WiegandTiming.Default), time);
        var heartbeat = _heartbeats[reader.Value];
        heartbeat.MarkReady();
        logger.LogInformation("Reader {Reader} ({Kind}) on {D0}/{D1} for door {Door} accepts {Formats}", reader, settings.Kind,
            settings.D0, settings.D1, door, settings.Kind == ReaderKind.Keypad ? "keys" : string.Join(",", settings.EffectiveFormats));
        return new OpenReader(accessPoint, lines, feedbackLines, feedback, loop, heartbeat, patterns[FeedbackPatterns.Lockdown.Name]);
    }

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
        {
            reader.AccessPoint.Dispose();
            reader.Feedback?.Dispose();
            reader.FeedbackLines?.Dispose();
            reader.Lines.Dispose();
        }
        _readers.Clear();
        _stopping?.Dispose();
        base.Dispose();
    }

    private sealed record OpenReader(
        AccessPoint AccessPoint,
        IInputLineRequest Lines,
        IOutputLineRequest? FeedbackLines,
        ReaderFeedbackPlayer? Feedback,
        WiegandReaderLoop Loop,
        LoopHeartbeat Heartbeat,
        FeedbackPattern Lockdown);
}
