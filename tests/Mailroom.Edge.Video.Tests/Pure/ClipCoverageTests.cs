using Mailroom.Edge.Video.Clips;
using Xunit;

namespace Mailroom.Edge.Video.Tests.Pure;

public class ClipCoverageTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly ClipWindow Window = new(T.AddSeconds(-10), T.AddSeconds(10), T, [Guid.NewGuid()], false);

    [Fact]
    public void No_clip_is_no_video() => Assert.Equal(ClipCoverage.NoVideo, ClipCoverage.Gap(Window, null));

    [Fact]
    public void A_clip_from_the_keyframe_before_to_past_the_end_covers_the_window() =>
        Assert.Null(ClipCoverage.Gap(Window, Clip(T.AddSeconds(-10.8), T.AddSeconds(10.4))));

    [Theory]
    [InlineData(-9.0, 10.4)] // The ring began after the window's start (camera had just started).
    [InlineData(-10.8, 6.0)] // The camera went down before the window's end.
    public void A_clip_short_of_either_end_is_partial(double start, double end) =>
        Assert.Equal(ClipCoverage.PartialVideo, ClipCoverage.Gap(Window, Clip(T.AddSeconds(start), T.AddSeconds(end))));

    private static ClipRecord Clip(DateTimeOffset start, DateTimeOffset end) => new()
    {
        Id = "c",
        Camera = "lobby",
        CreatedAt = T,
        Triggers = Window.Triggers,
        RequestedStart = Window.Start,
        RequestedEnd = Window.End,
        ActualStart = start,
        ActualEnd = end,
        Duration = end - start,
        SizeBytes = 1,
        Sha256 = "00",
    };
}
