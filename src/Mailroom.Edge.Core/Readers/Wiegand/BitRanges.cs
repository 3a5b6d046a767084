using System.Globalization;
using System.Text;

namespace Mailroom.Edge.Core.Readers.Wiegand;

/// <summary>
/// The text form of a set of bit positions used in configuration and docs: comma-separated inclusive ranges in
/// transmission order, e.g. <c>1-12</c> or <c>2-3,5-6,8-9</c> (0 = first bit sent). Interleaved parity masks such as
/// HID Corporate 1000's are written as many short ranges.
/// </summary>
public static class BitRanges
{
    public static bool TryParse(string? text, out IReadOnlyList<BitRange> ranges, out string error)
    {
        ranges = [];
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "is empty; write bit positions such as 1-12 or 2-3,5-6";
            return false;
        }
        var list = new List<BitRange>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            var firstText = dash < 0 ? part : part[..dash];
            var lastText = dash < 0 ? part : part[(dash + 1)..];
            if (!int.TryParse(firstText, NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                || !int.TryParse(lastText, NumberStyles.None, CultureInfo.InvariantCulture, out var last)
                || last < first)
            {
                error = $"'{part}' is not a bit position or an inclusive range such as 1-12";
                return false;
            }
            list.Add(new BitRange(first, last - first + 1));
        }
        ranges = list;
        error = "";
        return true;
    }

    public static IReadOnlyList<BitRange> Parse(string text) =>
        TryParse(text, out var ranges, out var error) ? ranges : throw new FormatException($"bit ranges {error}");

    /// <summary>Merges individual positions into the fewest ranges.</summary>
    public static IReadOnlyList<BitRange> FromPositions(IEnumerable<int> positions)
    {
        var ranges = new List<BitRange>();
        foreach (var bit in positions.Distinct().Order())
        {
            if (ranges.Count > 0 && ranges[^1].End == bit)
                ranges[^1] = ranges[^1] with { Length = ranges[^1].Length + 1 };
            else
                ranges.Add(new BitRange(bit, 1));
        }
        return ranges;
    }

    public static string Format(IEnumerable<BitRange> ranges)
    {
        var sb = new StringBuilder();
        foreach (var r in ranges)
        {
            if (sb.Length > 0)
                sb.Append(',');
            sb.Append(CultureInfo.InvariantCulture, $"{r.Start}");
            if (r.Length > 1)
                sb.Append(CultureInfo.InvariantCulture, $"-{r.End - 1}");
        }
        return sb.ToString();
    }
}
