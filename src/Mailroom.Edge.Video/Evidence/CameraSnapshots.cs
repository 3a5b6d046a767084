using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Video.Recording;
using Mailroom.Edge.Video.Retention;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Video.Evidence;

/// <summary>
/// One camera's pending evidence snapshots. A snapshot is due as soon as a completed segment reaches its time — it never
/// waits for a clip's post-roll — or, with the camera down, once the clip loop's give-up time has passed. Each due one
/// ends in <c>snapshot.ready</c> or <c>snapshot.missing</c>, never in silence. Driven by the camera's clip loop
/// (<see cref="Clips.CameraClipper"/>), which also pins the ring from <see cref="NeededFrom"/>; single-threaded.
/// </summary>
public sealed class CameraSnapshots(
    CameraSettings camera, CameraRecorder recorder, SnapshotExporter exporter, ClipRetention retention, IEventPort events, TimeProvider time, ILogger logger)
{
    private readonly List<SnapshotRequest> _pending = [];

    /// <summary>The earliest time a pending snapshot needs: ring segments ending from here on must stay.</summary>
    public DateTimeOffset? NeededFrom => _pending.Count == 0 ? null : _pending.Min(r => r.At);

    public void Add(SnapshotRequest request) => _pending.Add(request);

    /// <summary>Takes every due snapshot, oldest first; a failure of one is logged and does not stop the others.</summary>
    public async Task TakeDueAsync(DateTimeOffset? recordedUntil, TimeSpan giveUpAfter, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        var due = _pending.Where(r => (recordedUntil is { } until && until >= r.At) || now >= r.At + giveUpAfter).OrderBy(r => r.At).ToList();
        _pending.RemoveAll(due.Contains);
        foreach (var request in due)
            await TakeAsync(request, stoppingToken);
    }

    private async Task TakeAsync(SnapshotRequest request, CancellationToken stoppingToken)
    {
        try
        {
            var (snapshot, reason, detail) = await exporter.ExportAsync(camera.Name, request, recorder.Segments(), stoppingToken);
            if (snapshot is null)
            {
                var health = recorder.Health;
                logger.LogWarning("Camera {Camera}: no snapshot for event {Event} at {At:O} ({Reason}: {Detail}); camera {State}: {Problem}",
                    camera.Name, request.EventId, request.At, reason, detail, health.State, health.Problem);
                await events.Emit(new SnapshotMissingEvent(time.GetUtcNow(), camera.Name, request.Door, [request.EventId], request.At,
                    reason!, health.State.ToString().ToLowerInvariant(), health.Problem, detail)).WaitAsync(stoppingToken);
                return;
            }
            logger.LogInformation("Camera {Camera}: snapshot {Snapshot} of event {Event} ready ({Size} bytes)", camera.Name, snapshot.Id, request.EventId, snapshot.SizeBytes);
            await events.Emit(new SnapshotReadyEvent(time.GetUtcNow(), snapshot.Id, camera.Name, request.Door, snapshot.Triggers,
                snapshot.ActualStart, snapshot.SizeBytes, snapshot.Sha256)).WaitAsync(stoppingToken);
            await retention.EnforceAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            // One failed snapshot must not end the camera's clip loop.
            logger.LogError(e, "Camera {Camera}: snapshot of event {Event} at {At:O} failed", camera.Name, request.EventId, request.At);
        }
    }
}
