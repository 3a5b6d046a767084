using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Core.Tests.Doors;

/// <summary>Virtual time whose timers fire <see cref="Early"/> before they are due, as system timers sometimes do.</summary>
internal sealed class EarlyTimeProvider(ManualTimeProvider time) : TimeProvider
{
    public static readonly TimeSpan Early = TimeSpan.FromMilliseconds(0.4);

    public override long TimestampFrequency => time.TimestampFrequency;

    public override long GetTimestamp() => time.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => time.GetUtcNow();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new EarlyTimer(time.CreateTimer(callback, state, Shift(dueTime), period));

    private static TimeSpan Shift(TimeSpan due) => due == Timeout.InfiniteTimeSpan ? due : due > Early ? due - Early : TimeSpan.Zero;

    private sealed class EarlyTimer(ITimer timer) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => timer.Change(Shift(dueTime), period);

        public void Dispose() => timer.Dispose();

        public ValueTask DisposeAsync() => timer.DisposeAsync();
    }
}
