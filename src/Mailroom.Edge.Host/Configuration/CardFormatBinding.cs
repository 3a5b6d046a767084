using Mailroom.Edge.Core.Readers.Feedback;
using Mailroom.Edge.Core.Readers.Wiegand;

namespace Mailroom.Edge.Host.Configuration;

/// <summary>Turns the <c>CardFormats</c> section and readers' pattern texts into core definitions, with every problem
/// reported against its configuration key.</summary>
public static class CardFormatBinding
{
    public static CardFormat? TryBuild(string name, CardFormatOptions o, List<string> errors)
    {
        var key = $"CardFormats:{name}";
        var before = errors.Count;
        BitRange? facility = null;
        if (!string.IsNullOrWhiteSpace(o.Facility))
            facility = Single(errors, $"{key}:Facility", o.Facility);
        var number = Single(errors, $"{key}:Number", o.Number);
        var parity = new List<ParityRule>();
        for (var i = 0; i < o.Parity.Count; i++)
        {
            var p = o.Parity[i];
            if (!Enum.TryParse<ParitySense>(p.Sense, ignoreCase: true, out var sense) || !Enum.IsDefined(sense))
                errors.Add($"{key}:Parity:{i}:Sense: '{p.Sense}' must be Even or Odd");
            if (!BitRanges.TryParse(p.Covers, out var covers, out var error))
                errors.Add($"{key}:Parity:{i}:Covers: {error}");
            parity.Add(new ParityRule(p.Position, sense, covers));
        }
        if (errors.Count > before || number is null)
            return null;
        var format = new CardFormat { Name = name, Length = o.Length, Facility = facility, Number = number.Value, Parity = parity };
        if (format.Validate() is { } problem)
        {
            errors.Add($"{key}: {problem}");
            return null;
        }
        if (CardFormats.Find(name) is not null)
        {
            errors.Add($"{key}: '{name}' is a shipped format; give the site format another name");
            return null;
        }
        return format;
    }

    /// <summary>The shipped formats plus the site's valid ones (invalid ones are left out; the validator reports them).</summary>
    public static CardFormatCatalog Catalog(EdgeOptions options)
    {
        var errors = new List<string>();
        var site = new List<CardFormat>();
        foreach (var (name, o) in options.CardFormats)
        {
            if (TryBuild(name, o, errors) is { } format)
                site.Add(format);
        }
        return new CardFormatCatalog(site);
    }

    /// <summary>The reader's patterns: the defaults, each replaced by the reader's text for that name when given.</summary>
    public static Dictionary<string, FeedbackPattern> Patterns(string readerKey, ReaderFeedbackOptions o, List<string> errors)
    {
        var patterns = FeedbackPatterns.All.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, text) in o.Patterns)
        {
            if (!patterns.ContainsKey(name))
            {
                errors.Add($"{readerKey}:Feedback:Patterns:{name}: not a pattern name ({string.Join(", ", patterns.Keys)})");
                continue;
            }
            if (FeedbackPatternText.TryParse(name, text, out var pattern, out var error))
                patterns[name] = pattern;
            else
                errors.Add($"{readerKey}:Feedback:Patterns:{name}: {error}");
        }
        return patterns;
    }

    private static BitRange? Single(List<string> errors, string key, string text)
    {
        if (!BitRanges.TryParse(text, out var ranges, out var error))
        {
            errors.Add($"{key}: {error}");
            return null;
        }
        if (ranges.Count != 1)
        {
            errors.Add($"{key}: a field is one contiguous range such as 9-24");
            return null;
        }
        return ranges[0];
    }
}
