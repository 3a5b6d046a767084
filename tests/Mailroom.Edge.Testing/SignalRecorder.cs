namespace Mailroom.Edge.Testing;

/// <summary>Records items from a producer and lets tests await the first item matching a predicate, past or future.</summary>
public sealed class SignalRecorder<T>
{
    private readonly Lock _gate = new();
    private readonly List<T> _items = [];
    private readonly List<(Func<T, bool> Predicate, TaskCompletionSource<T> Match)> _waiters = [];

    public void Add(T item)
    {
        lock (_gate)
        {
            _items.Add(item);
            foreach (var waiter in _waiters.Where(w => w.Predicate(item)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Match.TrySetResult(item);
            }
        }
    }

    public IReadOnlyList<T> Snapshot()
    {
        lock (_gate)
        {
            return [.. _items];
        }
    }

    public Task<T> WaitForAsync(Func<T, bool> predicate, TimeSpan timeout)
    {
        lock (_gate)
        {
            foreach (var item in _items)
            {
                if (predicate(item))
                {
                    return Task.FromResult(item);
                }
            }

            var match = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((predicate, match));
            return match.Task.WaitAsync(timeout);
        }
    }
}
