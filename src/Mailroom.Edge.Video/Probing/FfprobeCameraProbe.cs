using System.Diagnostics;
using System.Globalization;
using FFMpegCore;
using FFMpegCore.Exceptions;

namespace Mailroom.Edge.Video.Probing;

/// <summary>
/// <see cref="ICameraProbe"/> through FFMpegCore's <c>FFProbe.AnalyseAsync</c> (ffprobe, next to the configured ffmpeg).
/// FFMpegCore only probes: recording stays with the project's own supervisor (FFMpegCore keeps all of ffmpeg's stderr
/// for the process's life, kills with SIGKILL only and makes no process group). RTSP over TCP as the recorder uses it;
/// <c>-timeout</c> (µs) bounds each socket wait; ffprobe reads its options wherever they stand, so FFMpegCore appending
/// them after the URL is fine. ffprobe's output echoes the URL, so everything kept from it is scrubbed of credentials.
/// </summary>
public sealed class FfprobeCameraProbe(string ffprobeFolder, TimeSpan rtspTimeout) : ICameraProbe
{
    /// <summary>ffprobe's own timeout applies to each socket wait; this bounds the whole probe in case it hangs elsewhere.</summary>
    private TimeSpan Deadline => rtspTimeout * 3;

    public static FfprobeCameraProbe For(VideoSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new(Path.GetDirectoryName(settings.FfmpegPath) ?? "", settings.RtspTimeout);
    }

    public async Task<CameraProbeResult> ProbeAsync(string url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("rtsp" or "rtsps") || uri.Host.Length == 0)
            return CameraProbeResult.Failed(CameraProbeFailure.Other, $"not an rtsp:// URL: {UrlRedaction.Redact(url)}");

        var started = Stopwatch.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        try
        {
            var analysis = await FFProbe.AnalyseAsync(uri, new FFOptions { BinaryFolder = ffprobeFolder }, Arguments(), deadline.Token);
            if (analysis.PrimaryVideoStream is not { } video)
                return CameraProbeResult.Failed(CameraProbeFailure.NoVideo, null);
            // The average rate is what the camera delivers; the "real" rate is the fallback when ffprobe saw too few frames.
            var fps = video.AverageFrameRate is > 0 and < double.PositiveInfinity ? video.AverageFrameRate : video.RealFrameRate;
            return CameraProbeResult.Found(video.CodecName ?? "unknown", video.Width ?? 0, video.Height ?? 0, double.IsFinite(fps) ? fps : 0,
                analysis.PrimaryAudioStream?.CodecName);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return CameraProbeResult.Failed(CameraProbeFailure.TimedOut, $"no result within {Deadline.TotalSeconds:0} s");
        }
        catch (FFProbeProcessException e)
        {
            var ranOutOfTime = Stopwatch.GetElapsedTime(started) >= rtspTimeout;
            var stderr = Scrub(string.Join('\n', e.StandardError), url, uri);
            return CameraProbeResult.Failed(CameraProbeFailures.Classify(stderr, ranOutOfTime), CameraProbeFailures.LastLine(stderr));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // ffprobe missing, unreadable output: the message may quote the URL, so it is scrubbed too.
            return CameraProbeResult.Failed(CameraProbeFailure.Other, Scrub(e.Message, url, uri));
        }
    }

    private string Arguments() =>
        string.Create(CultureInfo.InvariantCulture, $"-rtsp_transport tcp -timeout {(long)rtspTimeout.TotalMicroseconds}");

    /// <summary>ffprobe is handed <see cref="Uri.AbsoluteUri"/>, which may percent-encode the password, so both spellings go.</summary>
    private static string Scrub(string? text, string url, Uri uri) =>
        UrlRedaction.Scrub(UrlRedaction.Scrub(text ?? "", url), uri.AbsoluteUri);
}
