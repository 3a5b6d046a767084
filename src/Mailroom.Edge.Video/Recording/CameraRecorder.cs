using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Video.Ring;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Video.Recording;

/// <summary>
/// Supervises one camera's ffmpeg ring recorder. Liveness is judged only by progress: a segment counts when ffmpeg's
/// segment list names it (ffmpeg lists a segment after closing it). No new segment within
/// <see cref="VideoSettings.StallTimeout"/>, or ffmpeg exiting, means the camera is down: the recorder reports
/// <c>system.camera_down</c> once per outage, logs ffmpeg's last stderr lines, and restarts with exponential backoff;
/// the next completed segment reports <c>system.camera_up</c>. Segments older than the ring length are deleted unless
/// a pending clip still needs them (<see cref="NeedFrom"/>).
/// </summary>
public sealed class CameraRecorder
{
    private readonly CameraSettings _camera;
    private readonly VideoSettings _settings;
    private readonly IEventPort _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _keep;
    private readonly Lock _gate = new();
    private readonly List<RingSegment> _ring = [];
    private readonly StderrRing _stderr = new(40);
    private CameraHealth _health;
    private DateTimeOffset? _neededFrom;
    private int _run;
    private volatile FfmpegProcess? _process;

    /// <summary>Keeps segments for <paramref name="ringLength"/> (<see cref="VideoSettings.RingLength"/>), longer only while a pending clip pins them.</summary>
    public CameraRecorder(CameraSettings camera, VideoSettings settings, TimeSpan ringLength, IEventPort events, TimeProvider time, ILogger logger)
    {
        _camera = camera;
        _settings = settings;
        _events = events;
        _time = time;
        _logger = logger;
        _keep = ringLength;
        Directory = Path.Combine(settings.RingDirectory, camera.Name);
        _health = new CameraHealth(camera.Name, CameraState.Starting, time.GetUtcNow(), null, 0, null);
    }

    /// <summary>Raised on the recorder's loop for each newly completed segment.</summary>
    public event Action<RingSegment>? SegmentCompleted;

    public string Directory { get; }

    public CameraHealth Health
    {
        get
        {
            lock (_gate)
                return _health;
        }
    }

    /// <summary>The running ffmpeg's pid (also its process group id), for diagnostics and the CPU benchmark.</summary>
    public int? ProcessId => _process?.Id;

    /// <summary>The completed segments in the ring, oldest first.</summary>
    public IReadOnlyList<RingSegment> Segments()
    {
        lock (_gate)
            return [.. _ring];
    }

    /// <summary>The wall time up to which video is recorded, or null when the ring is empty.</summary>
    public DateTimeOffset? RecordedUntil
    {
        get
        {
            lock (_gate)
                return _ring.Count == 0 ? null : _ring[^1].End;
        }
    }

    /// <summary>Keeps segments from this time on (a pending clip needs them), or releases the pin with null.</summary>
    public void NeedFrom(DateTimeOffset? from)
    {
        lock (_gate)
            _neededFrom = from;
    }

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        DeleteLeftovers();
        var backoff = new RestartBackoff(_settings.RestartDelayMin, _settings.RestartDelayMax);
        while (!stoppingToken.IsCancellationRequested)
        {
            string problem;
            try
            {
                problem = await RunOnceAsync(backoff, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // ffmpeg missing, ring folder unwritable…: report, back off and try again rather than end recording.
                problem = $"recorder failed: {UrlRedaction.Scrub(e.Message, _camera.Url)}";
            }
            await ReportDownAsync(problem);
            try
            {
                await Task.Delay(backoff.Next(), _time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Runs one ffmpeg until it exits or stalls; returns why it ended.</summary>
    private async Task<string> RunOnceAsync(RestartBackoff backoff, CancellationToken stoppingToken)
    {
        var run = Interlocked.Increment(ref _run);
        var listPath = Path.Combine(Directory, FfmpegArguments.SegmentListFile);
        File.Delete(listPath);
        var listSize = (int)Math.Ceiling(_keep.TotalSeconds / Math.Max(_settings.SegmentLength.TotalSeconds, 0.1)) + 10;
        var arguments = FfmpegArguments.Record(_camera.Url, _settings.RtspTimeout, _settings.SegmentLength, listSize, run, _camera.Audio);
        _stderr.Clear();
        using var process = FfmpegProcess.Start(_settings.SetsidPath, _settings.FfmpegPath, arguments, Directory, _stderr, line => UrlRedaction.Scrub(line, _camera.Url));
        _process = process;
        _logger.LogInformation("Camera {Camera}: recording {Url} (ffmpeg pid {Pid}, run {Run})", _camera.Name, UrlRedaction.Redact(_camera.Url), process.Id, run);
        var clock = new StreamClock();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lastProgress = _time.GetUtcNow();
        try
        {
            while (true)
            {
                var exited = process.Exited.IsCompleted;
                if (ReadNewSegments(listPath, run, clock, seen) > 0)
                {
                    lastProgress = _time.GetUtcNow();
                    await ReportUpAsync();
                    backoff.Reset();
                }
                Prune(seen);
                if (exited)
                    return $"ffmpeg exited with code {process.ExitCode}: {_stderr.Last() ?? "no message"}";
                if (_time.GetUtcNow() - lastProgress > _settings.StallTimeout)
                    return $"no new segment for {_settings.StallTimeout.TotalSeconds:0.#} s";
                await Task.WhenAny(process.Exited, Task.Delay(_settings.PollInterval, _time, stoppingToken));
                stoppingToken.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            _process = null;
            await process.StopAsync(_settings.StopTimeout);
            if (!stoppingToken.IsCancellationRequested)
            {
                foreach (var line in _stderr.Snapshot())
                    _logger.LogDebug("Camera {Camera} ffmpeg: {Line}", _camera.Name, line);
            }
        }
    }

    private int ReadNewSegments(string listPath, int run, StreamClock clock, HashSet<string> seen)
    {
        string text;
        try
        {
            text = File.ReadAllText(listPath);
        }
        catch (FileNotFoundException)
        {
            return 0;
        }
        var now = _time.GetUtcNow();
        var fresh = SegmentListParser.Parse(text).Where(e => !seen.Contains(e.FileName)).ToList();
        foreach (var entry in fresh)
            clock.Observe(entry.EndSeconds, now);
        foreach (var entry in fresh)
        {
            seen.Add(entry.FileName);
            var segment = new RingSegment(Path.Combine(Directory, entry.FileName), run, clock.ToWall(entry.StartSeconds), clock.ToWall(entry.EndSeconds));
            lock (_gate)
            {
                _ring.Add(segment);
                _health = _health with { LastSegmentAt = now };
            }
            SegmentCompleted?.Invoke(segment);
        }
        return fresh.Count;
    }

    private void Prune(HashSet<string> seen)
    {
        var horizon = _time.GetUtcNow() - _keep;
        List<RingSegment> old;
        lock (_gate)
        {
            if (_neededFrom is { } needed && needed < horizon)
                horizon = needed;
            var count = _ring.FindIndex(s => s.End >= horizon);
            count = count < 0 ? _ring.Count : count;
            old = _ring.GetRange(0, count);
            _ring.RemoveRange(0, count);
        }
        foreach (var segment in old)
        {
            seen.Remove(Path.GetFileName(segment.Path));
            File.Delete(segment.Path);
        }
    }

    private void DeleteLeftovers()
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*.ts"))
            File.Delete(file);
    }

    private async Task ReportUpAsync()
    {
        lock (_gate)
        {
            if (_health.State == CameraState.Up)
                return;
            _health = _health with { State = CameraState.Up, Since = _time.GetUtcNow(), Problem = null };
        }
        _logger.LogInformation("Camera {Camera} is up", _camera.Name);
        await AppendAsync(new CameraUpEvent(_time.GetUtcNow(), _camera.Name));
    }

    private async Task ReportDownAsync(string problem)
    {
        bool changed;
        lock (_gate)
        {
            changed = _health.State != CameraState.Down;
            _health = _health with
            {
                State = CameraState.Down,
                Since = changed ? _time.GetUtcNow() : _health.Since,
                Restarts = _health.Restarts + 1,
                Problem = problem,
            };
        }
        if (!changed)
        {
            _logger.LogDebug("Camera {Camera} still down: {Problem}", _camera.Name, problem);
            return;
        }
        _logger.LogWarning("Camera {Camera} is down: {Problem}; last ffmpeg output:{NewLine}{Stderr}",
            _camera.Name, problem, Environment.NewLine, string.Join(Environment.NewLine, _stderr.Snapshot()));
        await AppendAsync(new CameraDownEvent(_time.GetUtcNow(), _camera.Name, problem));
    }

    /// <summary>Awaited so down and up reach the outbox in order; a failed append is logged, recording goes on.</summary>
    private async Task AppendAsync(DomainEvent domainEvent)
    {
        try
        {
            await _events.Emit(domainEvent);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Camera {Camera}: could not record {Type}", _camera.Name, domainEvent.Type);
        }
    }
}
