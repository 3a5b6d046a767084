using System.Runtime.ExceptionServices;

namespace Mailroom.Edge.Host.Services;

/// <summary>
/// A dedicated thread at nice <see cref="Nice"/> for bulk work (a credential snapshot: seconds of JSON parsing and
/// SQLite writes). On a 2-core device the door loops and this work compete for the CPU; at the lower priority the
/// scheduler runs a door decision first whenever both are ready, so a sync does not add its time slices to a
/// decision's wait. .NET's <see cref="Thread.Priority"/> does nothing on Linux, hence setpriority(2).
/// <para>
/// A new Linux thread inherits its creator's nice value, and the thread pool creates workers from whichever thread
/// queues work. So this thread only runs the function it is handed and signals the caller through an event, never
/// through a task continuation: nothing it does can start a thread-pool worker that would inherit the low priority.
/// </para>
/// <para>
/// The risk that was weighed: a starved low-priority thread in managed code delays a GC's suspension, and one holding
/// the store's switch gate delays lookups. Measured back to back (credentials.max_decision_pause_ms_during_sync, same
/// machine and load), the longest decision wait and the 99.99th percentile were both lower with the sync at nice 10
/// than at the door loops' priority, so the lower priority stays.
/// </para>
/// </summary>
internal sealed class LowPriorityWorker : IDisposable
{
    public const int Nice = 10;

    private readonly Thread _thread;
    private readonly ManualResetEventSlim _start = new();
    private readonly ManualResetEventSlim _done = new();
    private Func<object?>? _work;
    private object? _result;
    private ExceptionDispatchInfo? _error;
    private volatile bool _stopping;

    public LowPriorityWorker(string name)
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Whether the kernel accepted the lower priority (false on a system that refuses it; the work still runs).</summary>
    public bool Lowered { get; private set; }

    /// <summary>Runs <paramref name="work"/> on the low-priority thread and returns its result (or throws its exception).
    /// One call at a time.</summary>
    public T Run<T>(Func<T> work)
    {
        ObjectDisposedException.ThrowIf(_stopping, this);
        _work = () => work();
        _done.Reset();
        _start.Set();
        _done.Wait();
        var result = _result;
        var error = _error;
        _result = null;
        _error = null;
        error?.Throw();
        return (T)result!;
    }

    private void Loop()
    {
        Lowered = Interop.Libc.NiceCurrentThread(Nice);
        while (true)
        {
            _start.Wait();
            _start.Reset();
            if (_stopping)
                return;
            try
            {
                _result = _work!();
            }
            catch (Exception e)
            {
                _error = ExceptionDispatchInfo.Capture(e);
            }
            _work = null;
            _done.Set();
        }
    }

    public void Dispose()
    {
        if (_stopping)
            return;
        _stopping = true;
        _start.Set();
        _thread.Join();
        _start.Dispose();
        _done.Dispose();
    }
}
