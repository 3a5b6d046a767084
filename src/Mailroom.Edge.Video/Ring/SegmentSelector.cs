namespace Mailroom.Edge.Video.Ring;

/// <summary>
/// Chooses the segments that cover a wall-clock window: from the last segment starting at or before the window's
/// start (segments begin on keyframes, so this is the latest point a clip can decodably start) to the first segment
/// ending at or after its end. When the ring does not reach back far enough (the camera was down or just started),
/// the selection starts later and says so through its <see cref="SegmentSelection.Start"/>; it is never padded.
/// </summary>
public static class SegmentSelector
{
    /// <summary>Selects from <paramref name="ring"/> (completed segments in recording order) the segments covering start..end.</summary>
    public static SegmentSelection? Select(IReadOnlyList<RingSegment> ring, DateTimeOffset start, DateTimeOffset end)
    {
        var first = -1;
        for (var i = 0; i < ring.Count; i++)
        {
            if (ring[i].End <= start)
                continue;
            if (ring[i].Start >= end)
                break;
            // The first segment ending after the start holds the start (or, after a gap, is the earliest video there is).
            if (first < 0)
                first = i;
            if (ring[i].End >= end)
                return new SegmentSelection(Slice(ring, first, i));
        }
        return first < 0 ? null : new SegmentSelection(Slice(ring, first, LastBefore(ring, end)));
    }

    /// <summary>Whether the ring already holds video up to <paramref name="end"/>, so a clip ending there can be cut now.</summary>
    public static bool Covers(IReadOnlyList<RingSegment> ring, DateTimeOffset end) => ring.Count > 0 && ring[^1].End >= end;

    private static int LastBefore(IReadOnlyList<RingSegment> ring, DateTimeOffset end)
    {
        var last = ring.Count - 1;
        while (last > 0 && ring[last].Start >= end)
            last--;
        return last;
    }

    private static List<RingSegment> Slice(IReadOnlyList<RingSegment> ring, int first, int last)
    {
        var list = new List<RingSegment>(last - first + 1);
        for (var i = first; i <= last; i++)
            list.Add(ring[i]);
        return list;
    }
}
