namespace Mailroom.Edge.Video.Ring;

/// <summary>
/// Maps one ffmpeg run's stream time (seconds in the segment list) to wall-clock time. ffmpeg closes a segment when
/// the next keyframe arrives, so when a segment ending at stream time <c>e</c> is first seen at wall time <c>w</c>,
/// <c>w − e</c> is the stream's offset plus some positive delay (network, disk, our poll). The smallest such value
/// seen so far is the best estimate; any remaining error makes segments look later than they were, so a clip chosen
/// with it starts earlier than needed, never later. A new ffmpeg run restarts stream time and needs a new clock.
/// </summary>
public sealed class StreamClock
{
    private TimeSpan? _offset;

    /// <summary>Records that a segment ending at <paramref name="streamEndSeconds"/> was first seen at <paramref name="seenAt"/>.</summary>
    public void Observe(double streamEndSeconds, DateTimeOffset seenAt)
    {
        var candidate = seenAt - DateTimeOffset.UnixEpoch - Seconds(streamEndSeconds);
        if (_offset is not { } current || candidate < current)
            _offset = candidate;
    }

    public bool IsCalibrated => _offset is not null;

    public DateTimeOffset ToWall(double streamSeconds) =>
        DateTimeOffset.UnixEpoch + (_offset ?? throw new InvalidOperationException("no segment observed yet"))
        + Seconds(streamSeconds);

    private static TimeSpan Seconds(double seconds) => TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
}
