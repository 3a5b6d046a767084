namespace Mailroom.Edge.Core.Readers.Wiegand;

/// <summary>
/// A Wiegand card format as data: its bit length, where the facility (or company) code and the card number sit, and
/// its parity bits. Layouts follow HID's published format descriptions (H10301, H10302, H10304, H10306, Corporate 1000
/// 35- and 48-bit; see docs/card-formats.md); positions are in transmission order, 0 = first bit sent. A site adds
/// its own format in config (<c>CardFormats</c> section) with the same fields.
/// </summary>
public sealed record CardFormat
{
    public required string Name { get; init; }

    /// <summary>The frame length in bits; ignored when <see cref="AnyLength"/>.</summary>
    public required int Length { get; init; }

    /// <summary>The facility or company code, or null for formats without one (H10302).</summary>
    public BitRange? Facility { get; init; }

    public required BitRange Number { get; init; }

    public IReadOnlyList<ParityRule> Parity { get; init; } = [];

    /// <summary>The raw fallback: accepts a frame of any length and takes all of it as the number, with no parity
    /// check; the credential's format is <c>Raw{bits}</c> (e.g. <c>Raw26</c>) so equal values of different lengths
    /// stay distinct.</summary>
    public bool AnyLength { get; init; }

    /// <summary>Checks the definition is self-consistent; returns an explanation or null.</summary>
    public string? Validate()
    {
        if (AnyLength)
            return null;
        if (Length is < 1 or > WiegandBits.MaxLength)
            return $"format {Name}: length {Length} is outside 1..{WiegandBits.MaxLength}";
        foreach (var (label, range) in Ranges())
        {
            if (range.Start < 0 || range.Length < 1 || range.End > Length)
                return $"format {Name}: {label} bits {range.Start}..{range.End - 1} are outside the {Length}-bit frame";
        }
        if (Number.Length > 64 || Facility?.Length > 32)
            return $"format {Name}: the number has at most 64 bits and the facility at most 32";
        if (Facility is { } f && Overlaps(f, Number))
            return $"format {Name}: the facility and number bits overlap";
        foreach (var rule in Parity)
        {
            if (rule.CoversBit(rule.Position))
                return $"format {Name}: parity bit {rule.Position} covers itself";
            if (Number.Contains(rule.Position) || Facility?.Contains(rule.Position) == true)
                return $"format {Name}: parity bit {rule.Position} sits inside the facility or number field";
            if (Parity.Count(r => r.Position == rule.Position) > 1)
                return $"format {Name}: two parity rules for bit {rule.Position}";
        }
        if (EncodingOrder() is null)
            return $"format {Name}: parity bits cover each other in a cycle, so they cannot be computed";
        return null;
    }

    /// <summary>The parity rules ordered so that a rule covering another parity bit comes after it; null on a cycle.</summary>
    internal IReadOnlyList<ParityRule>? EncodingOrder()
    {
        var pending = Parity.ToList();
        var ordered = new List<ParityRule>(pending.Count);
        while (pending.Count > 0)
        {
            var ready = pending.FindIndex(r => !pending.Any(other => other != r && r.CoversBit(other.Position)));
            if (ready < 0)
                return null;
            ordered.Add(pending[ready]);
            pending.RemoveAt(ready);
        }
        return ordered;
    }

    private static bool Overlaps(BitRange a, BitRange b) => a.Start < b.End && b.Start < a.End;

    private IEnumerable<(string Label, BitRange Range)> Ranges()
    {
        yield return ("number", Number);
        if (Facility is { } facility)
            yield return ("facility", facility);
        foreach (var rule in Parity)
        {
            yield return ("parity bit", new BitRange(rule.Position, 1));
            foreach (var cover in rule.Covers)
                yield return ("parity cover", cover);
        }
    }
}
