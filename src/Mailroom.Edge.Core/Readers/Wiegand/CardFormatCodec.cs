namespace Mailroom.Edge.Core.Readers.Wiegand;

/// <summary>Decodes a frame with a <see cref="CardFormat"/> (checking every parity bit) and encodes fields back into a frame.</summary>
public static class CardFormatCodec
{
    public static CardDecodeResult Decode(WiegandBits bits, CardFormat format)
    {
        if (format.AnyLength)
            format = CardFormats.RawOf(bits.Length);
        if (bits.Length != format.Length)
        {
            return new CardDecodeResult(CardDecodeStatus.LengthMismatch, null,
                $"{bits.Length} bits cannot be {format.Name}, which has {format.Length}");
        }
        foreach (var rule in format.Parity)
        {
            if (!ParityHolds(bits, rule))
            {
                return new CardDecodeResult(CardDecodeStatus.ParityError, null,
                    $"{rule.Sense.ToString().ToLowerInvariant()} parity bit {rule.Position} of {format.Name} does not match");
            }
        }
        var facility = format.Facility is { } f ? (uint?)bits.Range(f.Start, f.Length) : null;
        var number = bits.Range(format.Number.Start, format.Number.Length);
        return new CardDecodeResult(CardDecodeStatus.Ok, new CardCredential(format.Name, facility, number), null);
    }

    /// <summary>The first of <paramref name="formats"/>, in order, that <paramref name="decode"/> accepts (so an ambiguous
    /// frame resolves by the reader's order); when none does, the most telling status (a parity error over a length
    /// mismatch) with every format's reason.</summary>
    public static CardDecodeResult First(IReadOnlyList<CardFormat> formats, Func<CardFormat, CardDecodeResult> decode)
    {
        var best = CardDecodeStatus.LengthMismatch;
        var problems = new List<string>(formats.Count);
        foreach (var format in formats)
        {
            var result = decode(format);
            if (result.IsOk)
                return result;
            if (result.Status == CardDecodeStatus.ParityError)
                best = CardDecodeStatus.ParityError;
            problems.Add(result.Error!);
        }
        return new CardDecodeResult(best, null, string.Join("; ", problems));
    }

    /// <summary>Builds the frame a reader would send for these fields, parity bits computed.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A field does not fit its bit range.</exception>
    public static WiegandBits Encode(CardFormat format, uint? facility, ulong number)
    {
        if (format.AnyLength)
            throw new ArgumentException($"{format.Name} takes any length; encode with a fixed one such as Raw26.", nameof(format));
        var value = 0UL;
        value = Place(value, format, format.Number, number, "number");
        if (format.Facility is { } range)
            value = Place(value, format, range, facility ?? 0, "facility");
        else if (facility is not null and not 0)
            throw new ArgumentOutOfRangeException(nameof(facility), $"{format.Name} has no facility code.");

        var bits = new WiegandBits(value, format.Length);
        // A parity bit that covers other parity bits (Corporate 1000's leading odd bit) is computed after them.
        var order = format.EncodingOrder()
            ?? throw new ArgumentException($"{format.Name}: parity bits cover each other in a cycle.", nameof(format));
        foreach (var rule in order)
        {
            var ones = CountOnes(bits, rule.Covers);
            var needOne = rule.Sense == ParitySense.Even ? ones % 2 == 1 : ones % 2 == 0;
            if (needOne)
                value |= 1UL << (format.Length - 1 - rule.Position);
            bits = new WiegandBits(value, format.Length);
        }
        return bits;
    }

    private static ulong Place(ulong value, CardFormat format, BitRange range, ulong field, string label)
    {
        if (range.Length < 64 && field >> range.Length != 0)
        {
            throw new ArgumentOutOfRangeException(label,
                $"{label} {field} does not fit the {range.Length} bits {format.Name} has for it (max {(1UL << range.Length) - 1}).");
        }
        return value | (field << (format.Length - range.End));
    }

    private static bool ParityHolds(WiegandBits bits, ParityRule rule)
    {
        var ones = CountOnes(bits, rule.Covers) + (bits[rule.Position] ? 1 : 0);
        return rule.Sense == ParitySense.Even ? ones % 2 == 0 : ones % 2 == 1;
    }

    private static int CountOnes(WiegandBits bits, IReadOnlyList<BitRange> covers)
    {
        var ones = 0;
        foreach (var cover in covers)
            ones += System.Numerics.BitOperations.PopCount(bits.Range(cover.Start, cover.Length));
        return ones;
    }
}
