using System.Text;

namespace Mailroom.Edge.Testing;

/// <summary>A child process's output lines, with awaitable "a line containing X appeared" signals.</summary>
internal sealed class BrokerLog
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _text = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _waiters = [];

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }

    public void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _text.AppendLine(line);
            foreach (var waiter in _waiters.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Seen.TrySetResult();
            }
        }
    }

    /// <summary>Fails every waiter, e.g. because the process exited.</summary>
    public void Fail(string reason)
    {
        lock (_gate)
        {
            foreach (var waiter in _waiters)
            {
                waiter.Seen.TrySetException(new InvalidOperationException(reason));
            }

            _waiters.Clear();
        }
    }

    /// <summary>Waits for a line containing <paramref name="text"/> that appears after this call.</summary>
    public Task WaitForAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiters.Add((text, seen));
        }

        return seen.Task.WaitAsync(timeout);
    }
}
