using System.Threading.Channels;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Video.Evidence;
using Mailroom.Edge.Video.Probing;
using Mailroom.Edge.Video.Recording;
using Mailroom.Edge.Video.Retention;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Video.Clips;

/// <summary>
/// One camera's clip loop: takes triggers, plans windows (<see cref="ClipPlanner"/>), pins the ring segments a pending
/// window needs, exports each window as soon as a completed segment covers its end, and appends <c>clip.ready</c> only
/// for a file that was read back and is video (<see cref="ClipCheck"/>; a rejected file gets <c>clip.missing</c>
/// instead), then enforces retention. Triggers are queued, never awaited: the door path does not wait on video, and the
/// check runs here, on this camera's loop, so it holds up no other camera. Evidence snapshots
/// (<see cref="CameraSnapshots"/>) share the loop and the ring pin, and are taken before any clip: they wait for no post-roll.
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
    private readonly StartupCameraProbes? _probes;
    private readonly ClipPlanner _planner;
    private readonly Channel<object?> _inbox = Channel.CreateUnbounded<object?>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<ClipWindow> _requested = [];
    private readonly CameraSnapshots _snapshots;

    public CameraClipper(
        CameraSettings camera, VideoSettings settings, CameraRecorder recorder, ClipExporter exporter, SnapshotExporter snapshots, ClipRetention retention,
        IEventPort events, TimeProvider time, ILogger logger, StartupCameraProbes? probes = null)
    {
        _camera = camera;
        _settings = settings;
        _recorder = recorder;
        _exporter = exporter;
        _retention = retention;
        _events = events;
        _time = time;
        _logger = logger;
        _probes = probes;
        _planner = new ClipPlanner(camera.PreRoll, camera.PostRoll, MaxClipLength);
        _snapshots = new CameraSnapshots(camera, recorder, snapshots, retention, events, time, logger);
        // A null message only wakes the loop: a new segment may complete a pending window.
        recorder.SegmentCompleted += _ => _inbox.Writer.TryWrite(null);
    }

    /// <summary>The longest clip one burst of triggers can grow into before a new clip is started.</summary>
    public static readonly TimeSpan MaxClipLength = TimeSpan.FromMinutes(5);

    /// <summary>Clips whose file failed its check (rejected or flagged) since start, for the health report.</summary>
    public int FailedChecks => Volatile.Read(ref _failedChecks);

    private int _failedChecks;

    public void Trigger(ClipTrigger trigger) => _inbox.Writer.TryWrite(trigger);

    /// <summary>Queues an evidence snapshot; it ends in <c>snapshot.ready</c> or <c>snapshot.missing</c>.</summary>
    public void Snapshot(SnapshotRequest request) => _inbox.Writer.TryWrite(request);

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
                else if (message is SnapshotRequest snapshot)
                    _snapshots.Add(snapshot);
            }
            _recorder.NeedFrom(NeededFrom());
            var recordedUntil = _recorder.RecordedUntil;
            await _snapshots.TakeDueAsync(recordedUntil, giveUpAfter, stoppingToken);
            var now = _time.GetUtcNow();
            var due = _requested.Where(w => ClipPlanner.IsDue(w, recordedUntil, now, giveUpAfter)).ToList();
            _requested.RemoveAll(due.Contains);
            foreach (var window in _planner.TakeDue(recordedUntil, now, giveUpAfter).Concat(due))
                await ExportAsync(window, stoppingToken);
            _recorder.NeedFrom(NeededFrom());
        }
    }

    private DateTimeOffset? NeededFrom()
    {
        var needed = Earliest(_planner.NeededFrom, _snapshots.NeededFrom);
        foreach (var window in _requested)
        {
            if (needed is null || window.Start < needed)
                needed = window.Start;
        }
        return needed;
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null || a < b ? a : b;

    private async Task ExportAsync(ClipWindow window, CancellationToken stoppingToken)
    {
        try
        {
            if (await _exporter.ExportAsync(_camera.Name, window, _recorder.Segments(), AudioExpected, stoppingToken) is not { } export)
            {
                await ReportMissingAsync(window, null, ClipCoverage.NoVideo, stoppingToken);
                return;
            }
            var check = export.Check;
            if (check.Outcome is ClipCheckOutcome.Rejected or ClipCheckOutcome.Flagged)
            {
                Interlocked.Increment(ref _failedChecks);
                _logger.LogWarning("Camera {Camera}: clip {Clip} failed its check ({Reason}: {Detail}); {Fate}",
                    _camera.Name, export.Id, check.Reason, check.Detail,
                    export.Clip is null ? $"not announced as ready, the file is kept as {export.KeptAs} in the clip folder" : "announced as partial");
            }
            foreach (var dropped in export.DroppedRejects)
                _logger.LogWarning("Camera {Camera}: rejected clip file {File} deleted to keep the newest {Kept}", _camera.Name, dropped, ClipStore.RejectedKept);
            if (export.Clip is not { } clip)
            {
                await ReportMissingAsync(window, export, check.Reason!, stoppingToken, check.Detail, export.KeptAs);
                return;
            }
            if (check.Outcome == ClipCheckOutcome.Unchecked)
                _logger.LogWarning("Camera {Camera}: clip {Clip} could not be checked ({Detail}); announced with the ring's figures", _camera.Name, clip.Id, check.Detail);
            var gap = ClipCoverage.Gap(window, clip);
            if (gap is not null)
                await ReportMissingAsync(window, export, gap, stoppingToken);
            if (check.Outcome == ClipCheckOutcome.Flagged)
                await ReportMissingAsync(window, export, check.Reason!, stoppingToken, check.Detail);
            _logger.LogInformation("Camera {Camera}: clip {Clip} ready, {Duration:0.0} s from {Start:O} ({Size} bytes)",
                _camera.Name, clip.Id, clip.Duration.TotalSeconds, clip.ActualStart, clip.SizeBytes);
            await _events.Emit(new ClipReadyEvent(
                _time.GetUtcNow(), clip.Id, clip.Camera, clip.Triggers, clip.RequestedStart, clip.RequestedEnd,
                clip.ActualStart, clip.ActualEnd, clip.Duration, clip.SizeBytes, clip.Sha256, clip.HasSnapshot,
                clip.Checked, clip.Checked ? clip.Streams : null, Partial: gap is not null || clip.Problem is not null, clip.Problem)).WaitAsync(stoppingToken);
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

    /// <summary>
    /// The file must carry audio only when the camera is configured to record it and its start-up probe found an audio
    /// track; without a probe result the camera's audio is unknown, so its absence is not flagged.
    /// </summary>
    private bool AudioExpected => _camera.Audio && _probes?.For(_camera.Name) is { AudioCodec: not null };

    private async Task ReportMissingAsync(
        ClipWindow window, ClipExport? export, string reason, CancellationToken stoppingToken, string? detail = null, string? file = null)
    {
        var health = _recorder.Health;
        _logger.LogWarning("Camera {Camera}: {Gap} for {Start:O}..{End:O} (triggers {Triggers}); camera {State}: {Problem}",
            _camera.Name, reason, window.Start, window.End, string.Join(",", window.Triggers), health.State, health.Problem);
        await _events.Emit(new ClipMissingEvent(
            _time.GetUtcNow(), _camera.Name, window.EffectiveDoors, window.Triggers, window.Start, window.End,
            export?.Start, export?.End, export?.Id ?? window.Id, reason, health.State.ToString().ToLowerInvariant(), health.Problem,
            detail, file)).WaitAsync(stoppingToken);
    }
}
