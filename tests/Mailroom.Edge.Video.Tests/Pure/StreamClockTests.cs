using Mailroom.Edge.Video.Ring;
using Xunit;

namespace Mailroom.Edge.Video.Tests.Pure;

public class StreamClockTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Keeps_the_smallest_delay_seen()
    {
        var clock = new StreamClock();
        clock.Observe(1.0, T0.AddSeconds(1.30));
        clock.Observe(2.0, T0.AddSeconds(2.05));
        clock.Observe(3.0, T0.AddSeconds(3.40));

        Assert.Equal(T0.AddMilliseconds(50), clock.ToWall(0), TimeSpan.FromMilliseconds(1));
        Assert.Equal(T0.AddMilliseconds(10_050), clock.ToWall(10), TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public void Is_not_calibrated_before_the_first_segment()
    {
        var clock = new StreamClock();
        Assert.False(clock.IsCalibrated);
        Assert.Throws<InvalidOperationException>(() => clock.ToWall(0));
    }
}
