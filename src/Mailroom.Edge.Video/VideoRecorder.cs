using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Video.Clips;
using Mailroom.Edge.Video.Recording;
using Mailroom.Edge.Video.Retention;
using Mailroom.Edge.Video.Triggers;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Video;

/// <summary>
/// The video component's one public face: a ring recorder and a clip loop per camera. <see cref="OnEvent"/> takes every
/// appended event and queues a clip trigger for each camera whose rules match; it never blocks.
/// </summary>
public sealed class VideoRecorder : IAsyncDisposable
{
    private readonly Dictionary<string, (CameraSettings Settings, CameraRecorder Recorder, CameraClipper Clipper)> _cameras = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];

    public VideoRecorder(VideoSettings settings, IReadOnlyList<CameraSettings> cameras, IEventSink events, TimeProvider time, ILoggerFactory loggers)
    {
        var store = new ClipStore(settings.ClipDirectory);
        Store = store;
        var retention = new ClipRetention(store, new RetentionPolicy(settings.ClipQuotaBytes, settings.ClipMaxAge, settings.MinFreeBytes),
            events, time, loggers.CreateLogger<ClipRetention>());
        var exporter = new ClipExporter(settings, store, time);
        var longestPreRoll = cameras.Count == 0 ? TimeSpan.Zero : cameras.Max(c => c.PreRoll);
        foreach (var camera in cameras)
        {
            var recorder = new CameraRecorder(camera, settings, longestPreRoll, events, time, loggers.CreateLogger<CameraRecorder>());
            var clipper = new CameraClipper(camera, settings, recorder, exporter, retention, events, time, loggers.CreateLogger<CameraClipper>());
            _cameras[camera.Name] = (camera, recorder, clipper);
        }
    }

    public ClipStore Store { get; }

    public IReadOnlyList<CameraHealth> Health => [.. _cameras.Values.Select(c => c.Recorder.Health)];

    public CameraRecorder Recorder(string camera) => _cameras[camera].Recorder;

    public void Start()
    {
        foreach (var (_, recorder, clipper) in _cameras.Values)
        {
            _loops.Add(Task.Run(() => recorder.RunAsync(_stopping.Token)));
            _loops.Add(Task.Run(() => clipper.RunAsync(_stopping.Token)));
        }
    }

    /// <summary>Queues a clip on every camera whose triggers match the event.</summary>
    public void OnEvent(AppendedEvent appended)
    {
        foreach (var (settings, _, clipper) in _cameras.Values)
        {
            if (TriggerMatcher.Matches(settings, appended.Event))
                clipper.Trigger(new ClipTrigger(appended.Envelope.Id, appended.Event.Timestamp, appended.Event.Category == EventCategory.Alarm));
        }
    }

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
