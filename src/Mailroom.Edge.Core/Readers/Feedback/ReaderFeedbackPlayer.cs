namespace Mailroom.Edge.Core.Readers.Feedback;

/// <summary>
/// Plays <see cref="FeedbackPattern"/>s on a reader's LED and beeper (wires or OSDP commands), timed by a <see cref="TimeProvider"/>. A new
/// pattern replaces the one playing; a pattern that does not repeat returns the reader to rest (red, silent) when it
/// ends. Disposing leaves the reader at rest. Thread-safe: the door path and timers may call it concurrently.
/// </summary>
public sealed class ReaderFeedbackPlayer : IDisposable
{
    private readonly IReaderIndicators _indicators;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private FeedbackPattern? _playing;
    private int _step;
    private bool _disposed;

    public ReaderFeedbackPlayer(IReaderIndicators indicators, TimeProvider time)
    {
        _indicators = indicators;
        _timer = time.CreateTimer(_ => Advance(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Apply(LedColor.Red, false);
    }

    /// <summary>The pattern playing now, or null at rest.</summary>
    public string? Playing
    {
        get
        {
            lock (_gate)
                return _playing?.Name;
        }
    }

    public void Play(FeedbackPattern pattern)
    {
        if (pattern.Validate() is { } problem)
            throw new ArgumentException(problem, nameof(pattern));
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _playing = pattern;
            _step = 0;
            Enter();
        }
    }

    /// <summary>Stops any pattern and returns to rest.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            Rest();
        }
    }

    private void Advance()
    {
        lock (_gate)
        {
            if (_disposed || _playing is not { } pattern)
                return;
            _step++;
            if (_step == pattern.Steps.Count)
            {
                if (!pattern.Repeat)
                {
                    Rest();
                    return;
                }
                _step = 0;
            }
            Enter();
        }
    }

    private void Enter()
    {
        var step = _playing!.Steps[_step];
        Apply(step.Led, step.Beep);
        _timer.Change(step.Duration, Timeout.InfiniteTimeSpan);
    }

    private void Rest()
    {
        _playing = null;
        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Apply(LedColor.Red, false);
    }

    private void Apply(LedColor led, bool beep) => _indicators.Show(led, beep);

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            Rest();
            _disposed = true;
            _timer.Dispose();
        }
    }
}
