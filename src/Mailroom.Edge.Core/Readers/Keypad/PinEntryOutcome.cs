namespace Mailroom.Edge.Core.Readers.Keypad;

/// <summary>What one key press did to a PIN being entered.</summary>
public enum PinEntryOutcome
{
    /// <summary>A digit was added; the PIN is not finished.</summary>
    DigitAdded,

    /// <summary><c>*</c> cleared the digits entered so far.</summary>
    Cleared,

    /// <summary><c>#</c> ended a PIN; <see cref="PinEntryResult.Pin"/> holds it.</summary>
    Completed,

    /// <summary><c>#</c> with no digits: nothing to submit.</summary>
    Empty,

    /// <summary>More digits than the maximum: the entry was discarded.</summary>
    TooLong,
}
