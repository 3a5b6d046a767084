namespace Mailroom.Edge.Video.Recording;

/// <summary>An ffmpeg run failed; the message holds the tail of its stderr.</summary>
public sealed class FfmpegException(string message) : Exception(message);
