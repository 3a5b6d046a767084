using System.Globalization;
using System.Text;

namespace Mailroom.Edge.Core.Readers.Wiegand;

/// <summary>
/// The bits of one Wiegand frame in transmission order. Bit 0 is the first bit sent (for H10301 the leading even
/// parity bit). Up to 64 bits: longer frames are not used by any common card format.
/// </summary>
public readonly record struct WiegandBits
{
    public const int MaxLength = 64;

    private readonly ulong _value;

    public WiegandBits(ulong value, int length)
    {
        if (length is < 1 or > MaxLength)
            throw new ArgumentOutOfRangeException(nameof(length), length, $"A Wiegand frame has 1 to {MaxLength} bits.");
        if (length < 64 && (value >> length) != 0)
            throw new ArgumentOutOfRangeException(nameof(value), "The value has bits set above the frame length.");
        _value = value;
        Length = length;
    }

    public int Length { get; }

    /// <summary>The frame as an integer, first-sent bit most significant.</summary>
    public ulong Value => _value;

    /// <summary>Bit <paramref name="index"/> in transmission order (0 = first sent).</summary>
    public bool this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Length)
                throw new ArgumentOutOfRangeException(nameof(index));
            return ((_value >> (Length - 1 - index)) & 1) != 0;
        }
    }

    /// <summary>Reads bits [start, start+count) in transmission order as an unsigned integer.</summary>
    public ulong Range(int start, int count)
    {
        if (count == 0)
            return 0;
        if (start < 0 || count < 0 || start + count > Length)
            throw new ArgumentOutOfRangeException(nameof(start), $"Bits {start}..{start + count - 1} are outside a {Length}-bit frame.");
        var shifted = _value >> (Length - start - count);
        return count == 64 ? shifted : shifted & ((1UL << count) - 1);
    }

    public WiegandBits Append(bool bit)
    {
        if (Length >= MaxLength)
            throw new InvalidOperationException($"A Wiegand frame has at most {MaxLength} bits.");
        return new WiegandBits((_value << 1) | (bit ? 1UL : 0UL), Length + 1);
    }

    /// <summary>Parses a string of '0' and '1' (spaces, '_' and '-' ignored).</summary>
    public static WiegandBits Parse(string text)
    {
        if (!TryParse(text, out var bits, out var error))
            throw new FormatException(error);
        return bits;
    }

    public static bool TryParse(string text, out WiegandBits bits, out string error)
    {
        bits = default;
        ulong value = 0;
        var length = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '_' or '-')
                continue;
            if (c is not ('0' or '1'))
            {
                error = $"'{c}' is not a bit: write the frame as 0s and 1s, first bit sent first.";
                return false;
            }
            if (length == MaxLength)
            {
                error = $"The frame is longer than {MaxLength} bits.";
                return false;
            }
            value = (value << 1) | (c == '1' ? 1UL : 0UL);
            length++;
        }
        if (length == 0)
        {
            error = "The frame is empty.";
            return false;
        }
        bits = new WiegandBits(value, length);
        error = "";
        return true;
    }

    public override string ToString()
    {
        var sb = new StringBuilder(Length);
        for (var i = 0; i < Length; i++)
            sb.Append(this[i] ? '1' : '0');
        return sb.ToString();
    }

    /// <summary>The frame as hexadecimal, for diagnostics.</summary>
    public string ToHex() => _value.ToString("X", CultureInfo.InvariantCulture);
}
