namespace Mailroom.Edge.Core.Readers.Wiegand;

/// <summary>
/// A Wiegand card format as data: its bit length, where the facility (or company) code and the card number sit, and
/// its parity bits. Layouts follow HID's published format sheets (e.g. "H10301 26-bit", HID document 0004);
/// positions are in transmission order, 0 = first bit sent. A site adds its own format in config with the same fields.
/// </summary>
public sealed record CardFormat
{
    public required string Name { get; init; }

    public required int Length { get; init; }

    /// <summary>The facility or company code, or null for formats without one (H10302).</summary>
    public BitRange? Facility { get; init; }

    public required BitRange Number { get; init; }

    public IReadOnlyList<ParityRule> Parity { get; init; } = [];

    /// <summary>Checks the definition is self-consistent; returns an explanation or null.</summary>
    public string? Validate()
    {
        if (Length is < 1 or > WiegandBits.MaxLength)
            return $"format {Name}: length {Length} is outside 1..{WiegandBits.MaxLength}";
        foreach (var (label, range) in Ranges())
        {
            if (range.Start < 0 || range.Length < 1 || range.End > Length)
                return $"format {Name}: {label} bits {range.Start}..{range.End - 1} are outside the {Length}-bit frame";
        }
        if (Number.Length > 64 || Facility?.Length > 32)
            return $"format {Name}: the number has at most 64 bits and the facility at most 32";
        return null;
    }

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
