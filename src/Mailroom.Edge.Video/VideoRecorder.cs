using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Video.Clips;
using Mailroom.Edge.Video.Evidence;
using Mailroom.Edge.Video.Probing;
using Mailroom.Edge.Video.Recording;
using Mailroom.Edge.Video.Retention;
using Mailroom.Edge.Video.Triggers;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Video;

/// <summary>
/// The video component's one public face: a ring recorder and a clip loop per camera. <see cref="OnEvent"/> takes every
/// appended event and queues, for each camera whose rules match, a clip trigger and an evidence snapshot; it never blocks.
/// </summary>
public sealed class VideoRecorder : IAsyncDisposable
{
    private readonly Dictionary<string, (CameraSettings Settings, CameraRecorder Recorder, CameraClipper Clipper)> _cameras = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private readonly StartupCameraProbes? _probes;

    /// <summary>
    /// A recorder for <paramref name="cameras"/>; with a <paramref name="probe"/>, each camera is also asked what it sends
    /// once at <see cref="Start"/>, for the log, health and the clip check's audio expectation. Every clip file is read
    /// back before <c>clip.ready</c> by <paramref name="clipProbe"/> (default: ffprobe next to <see cref="VideoSettings.FfmpegPath"/>).
    /// </summary>
    public VideoRecorder(VideoSettings settings, IReadOnlyList<CameraSettings> cameras, IEventPort events, TimeProvider time, ILoggerFactory loggers,
        ICameraProbe? probe = null, IClipProbe? clipProbe = null)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        _probes = probe is null ? null : new StartupCameraProbes(probe, loggers.CreateLogger<StartupCameraProbes>());
        var store = new ClipStore(settings.ClipDirectory);
        Store = store;
        Holds = new ClipHolds(store, events, time, loggers.CreateLogger<ClipHolds>());
        var retention = new ClipRetention(store, new RetentionPolicy(settings.ClipQuotaBytes, settings.ClipMaxAge, settings.MinFreeBytes),
            events, time, loggers.CreateLogger<ClipRetention>());
        var exporter = new ClipExporter(settings, store, clipProbe ?? FfprobeClipProbe.For(settings), time);
        var snapshots = new SnapshotExporter(settings, store, time);
        var longestPreRoll = cameras.Count == 0 ? TimeSpan.Zero : cameras.Max(c => c.PreRoll);
        RingLength = settings.RingLength(longestPreRoll);
        foreach (var camera in cameras)
        {
            var recorder = new CameraRecorder(camera, settings, RingLength, events, time, loggers.CreateLogger<CameraRecorder>());
            var clipper = new CameraClipper(camera, settings, recorder, exporter, snapshots, retention, events, time, loggers.CreateLogger<CameraClipper>(), _probes);
            _cameras[camera.Name] = (camera, recorder, clipper);
        }
    }

    public ClipStore Store { get; }

    /// <summary>Holding clips for an incident, out of retention's reach, and releasing them.</summary>
    public ClipHolds Holds { get; }

    /// <summary>How much video each camera's ring keeps: the longest clip a command may ask for (<see cref="Request"/>).</summary>
    public TimeSpan RingLength { get; }

    public IReadOnlyList<CameraHealth> Health =>
        [.. _cameras.Values.Select(c => c.Recorder.Health with { Probe = _probes?.For(c.Settings.Name), FailedClipChecks = c.Clipper.FailedChecks })];

    /// <summary>Completes when every camera's start-up probe has finished (at once when there is no probe or before <see cref="Start"/>).</summary>
    public Task Probed { get; private set; } = Task.CompletedTask;

    public CameraRecorder Recorder(string camera) => _cameras[camera].Recorder;

    public void Start()
    {
        foreach (var (_, recorder, clipper) in _cameras.Values)
        {
            _loops.Add(Task.Run(() => recorder.RunAsync(_stopping.Token)));
            _loops.Add(Task.Run(() => clipper.RunAsync(_stopping.Token)));
        }
        if (_probes is { } probes)
        {
            Probed = Task.Run(() => probes.RunAsync(_cameras.Values.Select(c => c.Settings), _stopping.Token));
            _loops.Add(Probed);
        }
    }

    /// <summary>
    /// Queues a clip on every camera whose triggers match the event, and a snapshot on every camera whose evidence rule
    /// does (<see cref="EvidenceMatcher"/>); a rule with <see cref="EvidenceRule.Clip"/> also asks for the clip. One
    /// event is at most one trigger per camera, so a clip asked for by both is cut once.
    /// </summary>
    public void OnEvent(AppendedEvent appended)
    {
        foreach (var (settings, _, clipper) in _cameras.Values)
        {
            var evidence = EvidenceMatcher.Matches(settings, appended.Event);
            if (evidence)
                clipper.Snapshot(new SnapshotRequest(appended.Envelope.Id, appended.Event.Timestamp, (appended.Event as IDoorEvent)?.Door.Value));
            if (TriggerMatcher.Matches(settings, appended.Event) || (evidence && settings.Evidence!.Clip))
                clipper.Trigger(new ClipTrigger(appended.Envelope.Id, appended.Event.Timestamp, appended.Event.Category == EventCategory.Alarm,
                    (appended.Event as IDoorEvent)?.Door.Value));
        }
    }

    /// <summary>The cameras covering <paramref name="door"/> (a camera listing no doors covers all).</summary>
    public IReadOnlyList<string> CamerasAt(string door) =>
        [.. _cameras.Values.Where(c => c.Settings.Doors.Count == 0 || c.Settings.Doors.Contains(door, StringComparer.Ordinal)).Select(c => c.Settings.Name)];

    /// <summary>
    /// Asks every camera covering <paramref name="door"/> for a clip of the last <paramref name="length"/> (at most
    /// <see cref="RingLength"/>; the caller checks) and returns the clip ids it will have: each ends in <c>clip.ready</c>,
    /// or <c>clip.missing</c> when the ring lacks that video.
    /// </summary>
    public IReadOnlyList<string> Request(string door, TimeSpan length) =>
        [.. CamerasAt(door).Select(camera => _cameras[camera].Clipper.Request(length, [door]))];

    /// <summary>Stops every ffmpeg (terminate, wait, kill) and the clip loops; a clip being cut is abandoned.</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_loops);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping.Dispose();
    }
}
