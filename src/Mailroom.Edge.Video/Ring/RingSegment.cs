namespace Mailroom.Edge.Video.Ring;

/// <summary>A completed segment in the ring with its wall-clock span as estimated by <see cref="StreamClock"/>.</summary>
public sealed record RingSegment(string Path, int Run, DateTimeOffset Start, DateTimeOffset End)
{
    public TimeSpan Duration => End - Start;
}
