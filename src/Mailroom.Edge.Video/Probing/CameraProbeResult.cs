using System.Globalization;

namespace Mailroom.Edge.Video.Probing;

/// <summary>
/// What a camera probe found: the video stream (codec, size, frames per second) and the audio codec (null: no audio),
/// or why it failed (<see cref="Failure"/>, with ffprobe's last words in <see cref="Detail"/>, credentials redacted).
/// </summary>
public sealed record CameraProbeResult
{
    public string? VideoCodec { get; init; }

    public int Width { get; init; }

    public int Height { get; init; }

    public double FramesPerSecond { get; init; }

    public string? AudioCodec { get; init; }

    public CameraProbeFailure? Failure { get; init; }

    public string? Detail { get; init; }

    public bool Succeeded => Failure is null;

    /// <summary>e.g. <c>h264 1280x720 25 fps</c>.</summary>
    public string VideoSummary =>
        string.Create(CultureInfo.InvariantCulture, $"{VideoCodec} {Width}x{Height} {Math.Round(FramesPerSecond, 2)} fps");

    public string AudioSummary => AudioCodec ?? "none";

    /// <summary>The failure as one line for a person: the reason, then what ffprobe said.</summary>
    public string FailureReason => Failure is { } failure
        ? Detail is { Length: > 0 } detail ? $"{CameraProbeFailures.Describe(failure)} ({detail})" : CameraProbeFailures.Describe(failure)
        : "";

    public static CameraProbeResult Found(string videoCodec, int width, int height, double framesPerSecond, string? audioCodec) =>
        new() { VideoCodec = videoCodec, Width = width, Height = height, FramesPerSecond = framesPerSecond, AudioCodec = audioCodec };

    public static CameraProbeResult Failed(CameraProbeFailure failure, string? detail) => new() { Failure = failure, Detail = detail };
}
