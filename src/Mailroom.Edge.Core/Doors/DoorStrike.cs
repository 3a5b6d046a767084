using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Core.Doors;

/// <summary>
/// The electric strike (or maglock) of one door: a plain output, released or locked. It has no timer of its own; how
/// long it stays released is the <see cref="DoorController"/>'s to decide. "Released" is a logical state: for an
/// energise-to-lock maglock (fail-safe) the line is active while locked.
/// </summary>
public sealed class DoorStrike : IDisposable
{
    private readonly IOutputLineRequest _outputs;
    private readonly LineOffset _line;
    private readonly bool _energiseToUnlock;
    // Dispose may run on the host's thread while a controller drives the strike on a timer's.
    private readonly Lock _gate = new();
    private bool _disposed;

    public DoorStrike(IOutputLineRequest outputs, LineOffset line, bool energiseToUnlock)
    {
        _outputs = outputs;
        _line = line;
        _energiseToUnlock = energiseToUnlock;
    }

    public bool IsReleased { get; private set; }

    /// <summary>Releases the strike until <see cref="Lock"/>. The line is written every time, so a release also restores
    /// a strike something else locked.</summary>
    public void Release()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _outputs.SetValue(_line, _energiseToUnlock);
            IsReleased = true;
        }
    }

    /// <summary>Locks now. After <see cref="Dispose"/> the strike is locked already and the lines may be gone.</summary>
    public void Lock()
    {
        lock (_gate)
        {
            if (!_disposed)
                SetLocked();
        }
    }

    private void SetLocked()
    {
        _outputs.SetValue(_line, !_energiseToUnlock);
        IsReleased = false;
    }

    /// <summary>Returns the strike to its safe (locked) state; it cannot be released again.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            SetLocked();
        }
    }
}
