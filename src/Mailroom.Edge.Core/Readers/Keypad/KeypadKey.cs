namespace Mailroom.Edge.Core.Readers.Keypad;

/// <summary>
/// A key as keypads send it on Wiegand: digits 0–9 are their own value, <c>*</c> is 10 (0xA) and <c>#</c> is 11 (0xB),
/// as on HID and most other keypad readers.
/// </summary>
public enum KeypadKey
{
    D0 = 0,
    D1 = 1,
    D2 = 2,
    D3 = 3,
    D4 = 4,
    D5 = 5,
    D6 = 6,
    D7 = 7,
    D8 = 8,
    D9 = 9,
    Star = 10,
    Hash = 11,
}
