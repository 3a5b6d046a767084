namespace Mailroom.Edge.Video.Ring;

/// <summary>The contiguous segments chosen for a clip, and the span they really cover.</summary>
public sealed record SegmentSelection(IReadOnlyList<RingSegment> Segments)
{
    public DateTimeOffset Start => Segments[0].Start;

    public DateTimeOffset End => Segments[^1].End;

    public TimeSpan Duration => TimeSpan.FromTicks(Segments.Sum(s => s.Duration.Ticks));
}
