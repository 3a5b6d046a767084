using System.Threading.Channels;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Video.Recording;
using Mailroom.Edge.Video.Retention;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Video.Clips;

/// <summary>
/// One camera's clip loop: takes triggers, plans windows (<see cref="ClipPlanner"/>), pins the ring segments a pending
/// window needs, exports each window as soon as a completed segment covers its end, appends <c>clip.ready</c>, then
/// enforces retention. Triggers are queued, never awaited: the door path does not wait on video.
/// </summary>
public sealed class CameraClipper
{
    private readonly CameraSettings _camera;
    private readonly VideoSettings _settings;
    private readonly CameraRecorder _recorder;
    private readonly ClipExporter _exporter;
    private readonly ClipRetention _retention;
    private readonly IEventPort _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ClipPlanner _planner;
    private readonly Channel<object?> _inbox = Channel.CreateUnbounded<object?>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<ClipWindow> _requested = [];

    public CameraClipper(
        CameraSettings camera, VideoSettings settings, CameraRecorder recorder, ClipExporter exporter, ClipRetention retention,
        IEventPort events, TimeProvider time, ILogger logger)
    {
        _camera = camera;
        _settings = settings;
        _recorder = recorder;
        _exporter = exporter;
        _retention = retention;
        _events = events;
        _time = time;
        _logger = logger;
        _planner = new ClipPlanner(camera.PreRoll, camera.PostRoll, MaxClipLength);
        // A null message only wakes the loop: a new segment may complete a pending window.
        recorder.SegmentCompleted += _ => _inbox.Writer.TryWrite(null);
    }

    /// <summary>The longest clip one burst of triggers can grow into before a new clip is started.</summary>
    public static readonly TimeSpan MaxClipLength = TimeSpan.FromMinutes(5);

    public void Trigger(ClipTrigger trigger) => _inbox.Writer.TryWrite(trigger);

    /// <summary>
    /// A clip of the last <paramref name="length"/> asked for by command: its own window (never merged with triggers)
    /// and an id chosen now, so the command's answer can name it before the clip exists.
    /// </summary>
    public string Request(TimeSpan length, IReadOnlyList<string> doors)
    {
        var now = _time.GetUtcNow();
        var id = ClipIds.New(_camera.Name, now, now);
        _inbox.Writer.TryWrite(new ClipWindow(now - length, now, now, [], IsAlarm: false, doors, id));
        return id;
    }

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        // When the camera is down no segment arrives to wake us, so the loop also wakes each second to give up waiting.
        var giveUpAfter = _settings.StallTimeout + _settings.RestartDelayMax;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                tick.CancelAfter(TimeSpan.FromSeconds(1));
                await _inbox.Reader.WaitToReadAsync(tick.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // The tick.
            }
            catch (OperationCanceledException)
            {
                break;
            }
            while (_inbox.Reader.TryRead(out var message))
            {
                if (message is ClipTrigger trigger)
                    _planner.Add(trigger);
                else if (message is ClipWindow requested)
                    _requested.Add(requested);
            }
            _recorder.NeedFrom(NeededFrom());
            var now = _time.GetUtcNow();
            var recordedUntil = _recorder.RecordedUntil;
            var due = _requested.Where(w => ClipPlanner.IsDue(w, recordedUntil, now, giveUpAfter)).ToList();
            _requested.RemoveAll(due.Contains);
            foreach (var window in _planner.TakeDue(recordedUntil, now, giveUpAfter).Concat(due))
                await ExportAsync(window, stoppingToken);
            _recorder.NeedFrom(NeededFrom());
        }
    }

    private DateTimeOffset? NeededFrom()
    {
        var needed = _planner.NeededFrom;
        foreach (var window in _requested)
        {
            if (needed is null || window.Start < needed)
                needed = window.Start;
        }
        return needed;
    }

    private async Task ExportAsync(ClipWindow window, CancellationToken stoppingToken)
    {
        try
        {
            var clip = await _exporter.ExportAsync(_camera.Name, window, _recorder.Segments(), stoppingToken);
            if (ClipCoverage.Gap(window, clip) is { } gap)
                await ReportMissingAsync(window, clip, gap, stoppingToken);
            if (clip is null)
                return;
            _logger.LogInformation("Camera {Camera}: clip {Clip} ready, {Duration:0.0} s from {Start:O} ({Size} bytes)",
                _camera.Name, clip.Id, clip.Duration.TotalSeconds, clip.ActualStart, clip.SizeBytes);
            await _events.Emit(new ClipReadyEvent(
                _time.GetUtcNow(), clip.Id, clip.Camera, clip.Triggers, clip.RequestedStart, clip.RequestedEnd,
                clip.ActualStart, clip.ActualEnd, clip.Duration, clip.SizeBytes, clip.Sha256, clip.HasSnapshot)).WaitAsync(stoppingToken);
            await _retention.EnforceAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            // One failed clip must not end the camera's clip loop.
            _logger.LogError(e, "Camera {Camera}: clip for {Start:O}..{End:O} failed", _camera.Name, window.Start, window.End);
        }
    }

    private async Task ReportMissingAsync(ClipWindow window, ClipRecord? clip, string gap, CancellationToken stoppingToken)
    {
        var health = _recorder.Health;
        _logger.LogWarning("Camera {Camera}: {Gap} for {Start:O}..{End:O} (triggers {Triggers}); camera {State}: {Problem}",
            _camera.Name, gap, window.Start, window.End, string.Join(",", window.Triggers), health.State, health.Problem);
        await _events.Emit(new ClipMissingEvent(
            _time.GetUtcNow(), _camera.Name, window.EffectiveDoors, window.Triggers, window.Start, window.End,
            clip?.ActualStart, clip?.ActualEnd, clip?.Id ?? window.Id, gap, health.State.ToString().ToLowerInvariant(), health.Problem)).WaitAsync(stoppingToken);
    }
}
