namespace Mailroom.Edge.Core.Readers.Keypad;

/// <summary>
/// PIN entry from keypad keys: digits accumulate, <c>#</c> ends the PIN, <c>*</c> clears it, and a pause longer than the
/// inter-key timeout abandons it (on the <see cref="TimeProvider"/>, judged at the next key or by <see cref="Expire"/>).
/// Every key is taken in order however fast it comes: the frame assembler separates key frames by their kernel
/// timestamps, and this class only ever appends. Pure and single-threaded: the reader loop owns it.
/// </summary>
public sealed class PinEntry
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _interKeyTimeout;
    private readonly int _maxDigits;
    private readonly System.Text.StringBuilder _digits = new();
    private long _lastKeyTimestamp;

    public PinEntry(TimeProvider time, TimeSpan interKeyTimeout, int maxDigits = 12)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interKeyTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDigits, 1);
        _time = time;
        _interKeyTimeout = interKeyTimeout;
        _maxDigits = maxDigits;
    }

    /// <summary>Digits entered and not yet submitted, cleared or abandoned.</summary>
    public int DigitCount => _digits.Length;

    public bool InProgress => _digits.Length > 0;

    /// <summary>When the entry in progress will be abandoned, or null when none is.</summary>
    public DateTimeOffset? AbandonsAt => InProgress
        ? _time.GetUtcNow() + (_interKeyTimeout - _time.GetElapsedTime(_lastKeyTimestamp))
        : null;

    public PinEntryResult Press(KeypadKey key)
    {
        var stale = Expire();
        _lastKeyTimestamp = _time.GetTimestamp();
        switch (key)
        {
            case KeypadKey.Star:
                _digits.Clear();
                return new PinEntryResult(PinEntryOutcome.Cleared, null, 0, stale);
            case KeypadKey.Hash when _digits.Length == 0:
                return new PinEntryResult(PinEntryOutcome.Empty, null, 0, stale);
            case KeypadKey.Hash:
                var pin = new Pin(_digits.ToString());
                _digits.Clear();
                return new PinEntryResult(PinEntryOutcome.Completed, pin, pin.Length, stale);
            default:
                if (_digits.Length == _maxDigits)
                {
                    _digits.Clear();
                    return new PinEntryResult(PinEntryOutcome.TooLong, null, 0, stale);
                }
                _digits.Append((char)('0' + (int)key));
                return new PinEntryResult(PinEntryOutcome.DigitAdded, null, _digits.Length, stale);
        }
    }

    /// <summary>Abandons the entry in progress if the inter-key timeout has passed; returns true when it did.</summary>
    public bool Expire()
    {
        if (!InProgress || _time.GetElapsedTime(_lastKeyTimestamp) < _interKeyTimeout)
            return false;
        _digits.Clear();
        return true;
    }
}
