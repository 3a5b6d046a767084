namespace Mailroom.Edge.Testing.UnobservedTasks;

/// <summary>
/// Records the exceptions of faulted tasks that nobody observed (<see cref="TaskScheduler.UnobservedTaskException"/>)
/// while the scope is open. Each such exception goes to exactly one scope: the most recently opened one whose filter
/// takes it, so a test that provokes one on purpose opens a narrow scope for it and the run's scope
/// (<see cref="FailOnUnobservedTaskExceptionsAttribute"/>) never sees it.
/// </summary>
public sealed class UnobservedTaskExceptionScope : IDisposable
{
    // The event is process-wide; one handler dispatches under one lock so that claiming is decided in one place.
    private static readonly Lock Gate = new();
    private static readonly List<UnobservedTaskExceptionScope> Open = [];
    private static bool _subscribed;

    private readonly Func<Exception, bool> _takes;
    private readonly List<AggregateException> _raised = [];

    /// <param name="takes">Which exceptions (the faulted task's inner exceptions) this scope takes; all when null.</param>
    public UnobservedTaskExceptionScope(Func<Exception, bool>? takes = null)
    {
        _takes = takes ?? (_ => true);
        lock (Gate)
        {
            if (!_subscribed)
            {
                TaskScheduler.UnobservedTaskException += Dispatch;
                _subscribed = true;
            }
            Open.Add(this);
        }
    }

    /// <summary>
    /// Finalizes what is unreachable, which is when the runtime raises the event, and returns (and forgets) what this
    /// scope took since the last check.
    /// </summary>
    public IReadOnlyList<AggregateException> Check()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        lock (Gate)
        {
            var raised = _raised.ToList();
            _raised.Clear();
            return raised;
        }
    }

    public void Dispose()
    {
        lock (Gate)
        {
            Open.Remove(this);
        }
    }

    private static void Dispatch(object? sender, UnobservedTaskExceptionEventArgs e)
    {
        lock (Gate)
        {
            for (var i = Open.Count - 1; i >= 0; i--)
            {
                if (e.Exception.InnerExceptions.Any(Open[i]._takes))
                {
                    Open[i]._raised.Add(e.Exception);
                    return;
                }
            }
        }
    }
}
