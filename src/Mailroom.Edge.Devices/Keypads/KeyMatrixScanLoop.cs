using System.Diagnostics;

namespace Mailroom.Edge.Devices.Keypads;

/// <summary>
/// Scans a key matrix every <see cref="Interval"/> on a thread of its own and hands what the
/// <see cref="KeyMatrixTracker"/> makes of it to <c>onReport</c>, on that thread. On the system clock the thread keeps
/// its own beat, a timed wait on its stop signal; on any other <see cref="TimeProvider"/> (a fake clock) the beat is
/// that provider's timer, so a test drives the loop scan by scan. Both run the same scan. The system clock does not use
/// its timer because each beat would then hop through the thread pool: measured at 100 scans a second, that cost
/// several times the scan itself (docs/dependencies.md, <c>keypad.scan_cpu_percent</c>). Nothing escapes the thread: a failing scan (a line
/// gone) or a failing handler goes to <c>onFault</c> — once when scanning starts to fail, not at every beat — and the
/// loop goes on. Disposing stops the beat, joins the thread, then releases the lines.
/// </summary>
public sealed class KeyMatrixScanLoop : IDisposable
{
    private readonly KeyMatrixLines _lines;
    private readonly KeyMatrixTracker _tracker;
    private readonly TimeProvider _time;
    private readonly Action<KeyMatrixReport> _onReport;
    private readonly Action<Exception> _onFault;
    private readonly AutoResetEvent _beat = new(false);
    private readonly ManualResetEvent _stop = new(false);
    private readonly Thread _thread;
    private readonly long _intervalTicks;
    private ITimer? _timer;
    private long _nextBeat;
    private long _scans;
    private int _disposed;

    public KeyMatrixScanLoop(KeyMatrixLines lines, KeyMatrixTracker tracker, TimeProvider time, TimeSpan interval, string name,
        Action<KeyMatrixReport> onReport, Action<Exception> onFault)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _lines = lines;
        _tracker = tracker;
        _time = time;
        Interval = interval;
        _intervalTicks = (long)(interval.TotalSeconds * Stopwatch.Frequency);
        _onReport = onReport;
        _onFault = onFault;
        _thread = new Thread(Run) { IsBackground = true, Name = $"keypad {name}" };
    }

    public TimeSpan Interval { get; }

    /// <summary>Scans done so far (failed ones included).</summary>
    public long Scans => Interlocked.Read(ref _scans);

    /// <summary>Raised on the loop's thread after each scan and its report were handled, with <see cref="Scans"/>.</summary>
    public event Action<long>? Scanned;

    /// <summary>Wraps each scan, e.g. to mark the loop busy for a watchdog.</summary>
    public Func<IDisposable?>? Busy { get; init; }

    public void Start()
    {
        _thread.Start();
        // Beats that come while a scan runs collapse into one: the loop never queues up behind.
        if (_time != TimeProvider.System)
            _timer = _time.CreateTimer(_ => _beat.Set(), null, Interval, Interval);
    }

    private void Run()
    {
        var failing = false;
        while (NextBeat())
            ScanOnce(ref failing);
    }

    /// <summary>Waits for the next beat; false when stopping.</summary>
    private bool NextBeat()
    {
        if (_time != TimeProvider.System)
            return WaitHandle.WaitAny([_stop, _beat]) == 1;
        // Beats every Interval from the first; a beat missed (a long scan, a descheduled thread) is skipped, not made up.
        var now = Stopwatch.GetTimestamp();
        _nextBeat = _nextBeat == 0 || now - _nextBeat > _intervalTicks ? now + _intervalTicks : _nextBeat + _intervalTicks;
        // Waits are whole milliseconds: round up, so a beat is never early.
        var waitMs = Math.Max(0, (int)Math.Ceiling(Stopwatch.GetElapsedTime(now, _nextBeat).TotalMilliseconds));
        return !_stop.WaitOne(waitMs);
    }

    private void ScanOnce(ref bool failing)
    {
        using (Busy?.Invoke())
        {
            try
            {
                var report = _tracker.OnScan(_lines.Scan());
                failing = false;
                if (report is not null)
                    _onReport(report);
            }
            catch (Exception e)
            {
                if (!failing)
                    Fault(e);
                failing = true;
            }
        }
        var scans = Interlocked.Increment(ref _scans);
        try
        {
            Scanned?.Invoke(scans);
        }
        catch (Exception e)
        {
            Fault(e);
        }
    }

    private void Fault(Exception e)
    {
        try
        {
            _onFault(e);
        }
        catch (Exception)
        {
            // The fault handler is the last resort (a log); if even it fails there is no one left to tell.
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _timer?.Dispose();
        _stop.Set();
        if (_thread.ThreadState != System.Threading.ThreadState.Unstarted)
            _thread.Join();
        _lines.Dispose();
        _beat.Dispose();
        _stop.Dispose();
    }
}
