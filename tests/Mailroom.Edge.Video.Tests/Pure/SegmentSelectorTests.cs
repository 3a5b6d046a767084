using Mailroom.Edge.Video.Ring;
using Xunit;

namespace Mailroom.Edge.Video.Tests.Pure;

public class SegmentSelectorTests
{
    internal static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A ring of segments with these spans, in seconds after <see cref="T0"/>, named <c>/ring/{index}.ts</c>.</summary>
    internal static List<RingSegment> Ring(params (double Start, double End)[] spans) =>
        [.. spans.Select((s, i) => new RingSegment($"/ring/{i}.ts", 1, T0.AddSeconds(s.Start), T0.AddSeconds(s.End)))];

    [Fact]
    public void Starts_at_the_keyframe_before_the_window_and_ends_after_it()
    {
        var ring = Ring((0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 6));
        var selection = SegmentSelector.Select(ring, T0.AddSeconds(1.5), T0.AddSeconds(4.2))!;

        Assert.Equal(["/ring/1.ts", "/ring/2.ts", "/ring/3.ts", "/ring/4.ts"], selection.Segments.Select(s => s.Path));
        Assert.Equal(T0.AddSeconds(1), selection.Start);
        Assert.Equal(T0.AddSeconds(5), selection.End);
        Assert.Equal(TimeSpan.FromSeconds(4), selection.Duration);
    }

    [Fact]
    public void A_window_on_segment_boundaries_takes_no_extra_segment()
    {
        var ring = Ring((0, 1), (1, 2), (2, 3), (3, 4));
        var selection = SegmentSelector.Select(ring, T0.AddSeconds(1), T0.AddSeconds(3))!;
        Assert.Equal(["/ring/1.ts", "/ring/2.ts"], selection.Segments.Select(s => s.Path));
    }

    [Fact]
    public void After_an_outage_the_clip_starts_later_and_says_so()
    {
        var ring = Ring((10, 11), (11, 12), (12, 13));
        var selection = SegmentSelector.Select(ring, T0.AddSeconds(8), T0.AddSeconds(12.5))!;
        Assert.Equal(T0.AddSeconds(10), selection.Start);
        Assert.Equal(3, selection.Segments.Count);
    }

    [Fact]
    public void A_window_not_yet_recorded_to_its_end_takes_what_there_is()
    {
        var ring = Ring((0, 1), (1, 2));
        var selection = SegmentSelector.Select(ring, T0.AddSeconds(0.5), T0.AddSeconds(5))!;
        Assert.Equal(T0.AddSeconds(2), selection.End);
        Assert.False(SegmentSelector.Covers(ring, T0.AddSeconds(5)));
        Assert.True(SegmentSelector.Covers(ring, T0.AddSeconds(2)));
    }

    [Fact]
    public void No_video_in_the_window_selects_nothing()
    {
        var ring = Ring((0, 1), (10, 11));
        Assert.Null(SegmentSelector.Select(ring, T0.AddSeconds(2), T0.AddSeconds(5)));
        Assert.Null(SegmentSelector.Select([], T0, T0.AddSeconds(5)));
    }
}
