using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Core.Doors;

/// <summary>
/// The electric strike (or maglock) of one door. <see cref="Unlock"/> energises the release for a grant time and a
/// timer on the <see cref="TimeProvider"/> relocks it; a second grant during the first extends it. "Unlocked" is a
/// logical state: for an energise-to-lock maglock (fail-safe) the line is active while locked.
/// </summary>
public sealed class DoorStrike : IDisposable
{
    private readonly IOutputLineRequest _outputs;
    private readonly LineOffset _line;
    private readonly bool _energiseToUnlock;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private ITimer? _relockTimer;
    private long _relockDueTimestamp;
    private bool _disposed;

    public DoorStrike(IOutputLineRequest outputs, LineOffset line, bool energiseToUnlock, TimeProvider time)
    {
        _outputs = outputs;
        _line = line;
        _energiseToUnlock = energiseToUnlock;
        _time = time;
    }

    public bool IsUnlocked { get; private set; }

    /// <summary>Raised after the strike relocks by its timer.</summary>
    public event Action? Relocked;

    /// <summary>Unlocks now and relocks after <paramref name="grantTime"/>; extends a grant already running.</summary>
    public void Unlock(TimeSpan grantTime)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _outputs.SetValue(_line, _energiseToUnlock);
            IsUnlocked = true;
            _relockDueTimestamp = _time.GetTimestamp() + (long)(grantTime.TotalSeconds * _time.TimestampFrequency);
            if (_relockTimer is null)
                _relockTimer = _time.CreateTimer(_ => OnRelockDue(), null, grantTime, Timeout.InfiniteTimeSpan);
            else
                _relockTimer.Change(grantTime, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Unlocks until <see cref="Lock"/> or the next <see cref="Unlock"/> (held by schedule, command or mode).</summary>
    public void Hold()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _relockTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _outputs.SetValue(_line, _energiseToUnlock);
            IsUnlocked = true;
        }
    }

    /// <summary>Locks now, cancelling any running grant.</summary>
    public void Lock()
    {
        lock (_gate)
        {
            _relockTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            SetLocked();
        }
    }

    private void OnRelockDue()
    {
        lock (_gate)
        {
            if (_disposed || !IsUnlocked)
                return;
            // System timers tick in milliseconds and may fire a hair early; the grant is a promise, so finish it.
            var remaining = _relockDueTimestamp - _time.GetTimestamp();
            if (remaining > 0)
            {
                _relockTimer!.Change(TimeSpan.FromSeconds((double)remaining / _time.TimestampFrequency) + TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
                return;
            }
            SetLocked();
        }
        Relocked?.Invoke();
    }

    private void SetLocked()
    {
        _outputs.SetValue(_line, !_energiseToUnlock);
        IsUnlocked = false;
    }

    /// <summary>Returns the strike to its safe (locked) state and stops the timer.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            _relockTimer?.Dispose();
            SetLocked();
        }
    }
}
