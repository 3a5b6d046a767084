using Mailroom.Edge.Host.Health;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Host.Tests.Health;

public sealed class LoopHeartbeatTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly LoopHeartbeats _heartbeats;

    public LoopHeartbeatTests() => _heartbeats = new LoopHeartbeats(_time);

    [Fact]
    public void An_idle_loop_is_healthy_however_long_it_waits()
    {
        _heartbeats.Register("reader front", TimeSpan.FromSeconds(10));

        _time.Advance(TimeSpan.FromHours(3));

        Assert.Null(_heartbeats.FindProblem());
    }

    [Fact]
    public void A_loop_inside_one_item_beyond_its_limit_is_stuck_until_it_finishes()
    {
        var reader = _heartbeats.Register("reader front", TimeSpan.FromSeconds(10));

        var busy = reader.Busy();
        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.Null(_heartbeats.FindProblem());
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("reader front loop stuck on one item for 11 s (limit 10 s)", _heartbeats.FindProblem());

        busy.Dispose();
        Assert.Null(_heartbeats.FindProblem());
    }

    [Fact]
    public void A_loop_that_ended_is_a_problem()
    {
        _heartbeats.Register("reader front", TimeSpan.FromSeconds(10));
        var publisher = _heartbeats.Register("publisher", TimeSpan.FromSeconds(10));

        publisher.MarkEnded();

        Assert.Equal("publisher loop has ended", _heartbeats.FindProblem());
    }

    [Fact]
    public void Ready_only_when_every_registered_loop_is()
    {
        var front = _heartbeats.Register("reader front", TimeSpan.FromSeconds(10));
        var back = _heartbeats.Register("reader back", TimeSpan.FromSeconds(10));

        front.MarkReady();
        Assert.False(_heartbeats.AllReady);
        back.MarkReady();
        Assert.True(_heartbeats.AllReady);
    }
}
