using Mailroom.Edge.Gpio.Simulated;
using Xunit;

namespace Mailroom.Edge.Gpio.Tests.Simulated;

/// <summary>The virtual clock's timer wait, which lets a test advance time only once the code under test waits.</summary>
public sealed class VirtualTimeProviderTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_timer_wait_completes_when_a_timer_due_by_then_is_set_and_not_before()
    {
        var clock = new VirtualTimeProvider(Start);
        var byTenSeconds = clock.WaitForTimerDueByAsync(Start.AddSeconds(10));
        var byFiveSeconds = clock.WaitForTimerDueByAsync(Start.AddSeconds(5));

        var delay = Task.Delay(TimeSpan.FromSeconds(10), clock);

        await byTenSeconds.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(byFiveSeconds.IsCompleted);
        Assert.True(clock.WaitForTimerDueByAsync(Start.AddSeconds(11)).IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(10));
        await delay.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(byFiveSeconds.IsCompleted);
    }
}
