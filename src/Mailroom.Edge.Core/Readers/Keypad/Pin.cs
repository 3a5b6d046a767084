using System.Security.Cryptography;
using System.Text;

namespace Mailroom.Edge.Core.Readers.Keypad;

/// <summary>
/// An entered PIN. It never prints: <see cref="ToString"/> shows only its length, so a PIN that reaches a log template
/// or an event by mistake leaks nothing. Comparison is constant-time.
/// </summary>
public sealed class Pin
{
    private readonly string _digits;

    public Pin(string digits)
    {
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
            throw new ArgumentException("a PIN is one or more digits", nameof(digits));
        _digits = digits;
    }

    public int Length => _digits.Length;

    public bool Matches(string candidate) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(_digits), Encoding.ASCII.GetBytes(candidate));

    /// <summary>The digits, for the one place that must compare or hash them (the credential check).</summary>
    public string Reveal() => _digits;

    public override string ToString() => $"PIN({Length} digits)";
}
