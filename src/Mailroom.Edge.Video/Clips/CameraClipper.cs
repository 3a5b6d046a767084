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
    private readonly IEventSink _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ClipPlanner _planner;
    private readonly Channel<ClipTrigger?> _inbox = Channel.CreateUnbounded<ClipTrigger?>(new UnboundedChannelOptions { SingleReader = true });

    public CameraClipper(
        CameraSettings camera, VideoSettings settings, CameraRecorder recorder, ClipExporter exporter, ClipRetention retention,
        IEventSink events, TimeProvider time, ILogger logger)
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
                if (message is { } trigger)
                    _planner.Add(trigger);
            }
            _recorder.NeedFrom(_planner.NeededFrom);
            foreach (var window in _planner.TakeDue(_recorder.RecordedUntil, _time.GetUtcNow(), giveUpAfter))
                await ExportAsync(window, stoppingToken);
            _recorder.NeedFrom(_planner.NeededFrom);
        }
    }

    private async Task ExportAsync(ClipWindow window, CancellationToken stoppingToken)
    {
        try
        {
            var clip = await _exporter.ExportAsync(_camera.Name, window, _recorder.Segments(), stoppingToken);
            if (clip is null)
            {
                _logger.LogWarning("Camera {Camera}: no video for {Start:O}..{End:O} (triggers {Triggers}); the camera was down",
                    _camera.Name, window.Start, window.End, string.Join(",", window.Triggers));
                return;
            }
            _logger.LogInformation("Camera {Camera}: clip {Clip} ready, {Duration:0.0} s from {Start:O} ({Size} bytes)",
                _camera.Name, clip.Id, clip.Duration.TotalSeconds, clip.ActualStart, clip.SizeBytes);
            await _events.AppendAsync(new ClipReadyEvent(
                _time.GetUtcNow(), clip.Id, clip.Camera, clip.Triggers, clip.RequestedStart, clip.RequestedEnd,
                clip.ActualStart, clip.ActualEnd, clip.Duration, clip.SizeBytes, clip.Sha256, clip.HasSnapshot), stoppingToken);
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
}
