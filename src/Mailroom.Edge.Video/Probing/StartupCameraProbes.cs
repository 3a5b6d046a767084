using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Video.Probing;

/// <summary>
/// Probes every camera once when the recorder starts, logs what each sends (or why it could not be asked) and keeps the
/// result for the health report. Runs beside the recorders, never before them: a slow or dead camera must not hold up
/// the start, and the recorder retries a dead camera on its own anyway.
/// </summary>
public sealed class StartupCameraProbes(ICameraProbe probe, ILogger logger)
{
    private readonly ConcurrentDictionary<string, CameraProbeResult> _results = new(StringComparer.Ordinal);

    /// <summary>The camera's probe result; null until its probe has finished.</summary>
    public CameraProbeResult? For(string camera) => _results.GetValueOrDefault(camera);

    /// <summary>Probes the cameras side by side; completes when all have answered or failed. Never throws but on cancellation.</summary>
    public Task RunAsync(IEnumerable<CameraSettings> cameras, CancellationToken cancellationToken) =>
        Task.WhenAll(cameras.Select(camera => ProbeAsync(camera, cancellationToken)));

    private async Task ProbeAsync(CameraSettings camera, CancellationToken cancellationToken)
    {
        try
        {
            var result = await probe.ProbeAsync(camera.Url, cancellationToken);
            _results[camera.Name] = result;
            if (result.Succeeded)
                logger.LogInformation("Camera {Camera} sends video {Video}, audio {Audio}", camera.Name, result.VideoSummary, result.AudioSummary);
            else
                logger.LogWarning("Camera {Camera} ({Url}) could not be probed: {Reason}", camera.Name, UrlRedaction.Redact(camera.Url), result.FailureReason);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping before the camera answered.
        }
        catch (Exception e)
        {
            // A probe is information, not a reason to stop: log and go on (the exception comes from our code, not the URL).
            logger.LogWarning("Camera {Camera}: probe failed unexpectedly: {Error}", camera.Name, UrlRedaction.Scrub(e.Message, camera.Url));
        }
    }
}
