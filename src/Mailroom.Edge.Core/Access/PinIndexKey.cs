using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Mailroom.Edge.Core.Access;

/// <summary>
/// The site's key for the PIN directory's "blind index": <c>pin_index</c> = lower-case hex HMAC-SHA256(key, PIN).
/// PINs are stored only as salted PBKDF2 hashes (<see cref="PinHash"/>), which cannot be looked up by; the keyed index
/// can, and without the key it tells a thief of the credential file nothing (an unkeyed hash of a 4–8 digit PIN would
/// be reversed by trying them all). The index only finds the candidate; the PBKDF2 hash still decides.
/// </summary>
public sealed class PinIndexKey
{
    /// <summary>HMAC-SHA256 keys shorter than its output weaken it; 32 bytes is the floor.</summary>
    public const int MinimumBytes = 32;

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    private readonly byte[] _key;

    public PinIndexKey(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumBytes)
            throw new ArgumentException($"a PIN index key needs at least {MinimumBytes} bytes, not {key.Length}", nameof(key));
        _key = key.ToArray();
    }

    /// <summary>The key from its base64 configuration form; null with a problem that says why when it is not usable.</summary>
    public static PinIndexKey? TryParse(string? base64, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(base64))
        {
            problem = "is empty";
            return null;
        }
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            problem = "is not base64";
            return null;
        }
        if (bytes.Length < MinimumBytes)
        {
            problem = $"decodes to {bytes.Length} bytes; it needs at least {MinimumBytes} (e.g. head -c 32 /dev/urandom | base64)";
            return null;
        }
        return new PinIndexKey(bytes);
    }

    /// <summary>The index of <paramref name="pin"/>: 64 lower-case hex digits.</summary>
    public string Index(string pin) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(pin)));

    /// <summary>True for text in the form <see cref="Index"/> writes (64 hex digits, any case).</summary>
    public static bool IsIndex(ReadOnlySpan<char> text) => text.Length == 64 && !text.ContainsAnyExcept(HexDigits);

    public override string ToString() => "PinIndexKey(redacted)";
}
