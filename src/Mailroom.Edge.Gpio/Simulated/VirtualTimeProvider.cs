namespace Mailroom.Edge.Gpio.Simulated;

/// <summary>
/// A <see cref="TimeProvider"/> that only moves when told to (<see cref="Advance"/>): the virtual clock of tests and of
/// the scenario simulator. Timers (and therefore <c>Task.Delay(…, provider)</c>) fire synchronously inside
/// <see cref="Advance"/>, in due order. (Microsoft.Extensions.TimeProvider.Testing is not on the reachable registry.)
/// </summary>
public class VirtualTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly List<(long Ticks, TaskCompletionSource Set)> _timerWaiters = [];
    private DateTimeOffset _now;
    private long _ticks;

    public VirtualTimeProvider(DateTimeOffset start) => _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
            return _now;
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        lock (_gate)
            return _ticks;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>
    /// Completes once a timer is set to fall due at or before <paramref name="when"/>. Code that computes a delay from
    /// "now" and then creates its timer races an <see cref="Advance"/> in between (the timer would land late by the
    /// advance); a test that waits for the timer first advances only once the code under test is really waiting.
    /// </summary>
    public Task WaitForTimerDueByAsync(DateTimeOffset when)
    {
        lock (_gate)
        {
            var ticks = _ticks + (when - _now).Ticks;
            if (_timers.Any(t => t.DueTicks <= ticks))
                return Task.CompletedTask;
            var set = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _timerWaiters.Add((ticks, set));
            return set.Task;
        }
    }

    /// <summary>Called under the lock when a timer is (re)set: wakes the waiters it satisfies.</summary>
    private void OnTimerSet(long dueTicks)
    {
        for (var i = _timerWaiters.Count - 1; i >= 0; i--)
        {
            if (dueTicks > _timerWaiters[i].Ticks)
                continue;
            _timerWaiters[i].Set.TrySetResult();
            _timerWaiters.RemoveAt(i);
        }
    }

    /// <summary>Moves time forward, firing every timer that falls due on the way.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        long target;
        lock (_gate)
            target = _ticks + by.Ticks;
        while (true)
        {
            ManualTimer? due;
            lock (_gate)
            {
                due = _timers.Where(t => t.DueTicks <= target).MinBy(t => t.DueTicks);
                if (due is null)
                {
                    _now += TimeSpan.FromTicks(target - _ticks);
                    _ticks = target;
                    return;
                }
                _now += TimeSpan.FromTicks(due.DueTicks - _ticks);
                _ticks = due.DueTicks;
                due.Fired();
            }
            due.Invoke();
        }
    }

    private sealed class ManualTimer(VirtualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private long _period = -1;

        public long DueTicks { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                owner._timers.Remove(this);
                _period = period == Timeout.InfiniteTimeSpan ? -1 : period.Ticks;
                if (dueTime == Timeout.InfiniteTimeSpan)
                    return true;
                DueTicks = owner._ticks + Math.Max(0, dueTime.Ticks);
                owner._timers.Add(this);
                owner.OnTimerSet(DueTicks);
            }
            return true;
        }

        /// <summary>Called under the owner's lock when the timer falls due.</summary>
        public void Fired()
        {
            owner._timers.Remove(this);
            if (_period > 0)
            {
                DueTicks += _period;
                owner._timers.Add(this);
            }
        }

        public void Invoke() => callback(state);

        public void Dispose()
        {
            lock (owner._gate)
                owner._timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
