using System.Globalization;
using System.Text.Json;

namespace Mailroom.Edge.Core.Commands;

/// <summary>Shape checks shared by the envelope and argument parsers: known fields only, each once, required ones present.</summary>
internal static class JsonFields
{
    /// <summary>The largest integer every JSON consumer (a JavaScript one included) reads exactly.</summary>
    public const long MaxSafeInteger = (1L << 53) - 1;

    /// <summary>Null when <paramref name="element"/> is an object with only allowed fields, none twice and every required one.</summary>
    public static string? Check(JsonElement element, IReadOnlyCollection<string> allowed, IReadOnlyCollection<string> required)
    {
        if (element.ValueKind != JsonValueKind.Object)
            return "must be a JSON object";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
                return $"unknown field '{property.Name}'";
            if (!seen.Add(property.Name))
                return $"field '{property.Name}' appears twice";
        }
        var missing = required.FirstOrDefault(r => !seen.Contains(r));
        return missing is null ? null : $"missing field '{missing}'";
    }

    public static bool TryInteger(JsonElement element, string field, long min, long max, out long value)
    {
        value = 0;
        return element.TryGetProperty(field, out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out value) && value >= min && value <= max;
    }

    public static bool TryName(JsonElement element, string field, out string value)
    {
        value = element.TryGetProperty(field, out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()! : "";
        return CommandEnvelopeParser.Identifier().IsMatch(value);
    }

    public static bool TryClipId(JsonElement element, string field, out string value)
    {
        value = element.TryGetProperty(field, out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()! : "";
        return value.Length is > 0 and <= 128 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
    }

    /// <summary>
    /// An optional free-text field (absent or null gives null): a string of at most <paramref name="maxLength"/>
    /// characters with no control characters, so it cannot forge a log line or break a display.
    /// </summary>
    public static bool TryNote(JsonElement element, string field, int maxLength, out string? value)
    {
        value = null;
        if (!element.TryGetProperty(field, out var e) || e.ValueKind == JsonValueKind.Null)
            return true;
        if (e.ValueKind != JsonValueKind.String)
            return false;
        value = e.GetString()!;
        return value.Length <= maxLength && !value.Any(IsControlLike);
    }

    /// <summary>A SHA-256 as 64 hex digits, returned in lower case.</summary>
    public static bool TrySha256(JsonElement element, string field, out string value)
    {
        value = element.TryGetProperty(field, out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()!.ToLowerInvariant() : "";
        return value.Length == 64 && value.All(char.IsAsciiHexDigitLower);
    }

    /// <summary>Control characters, line and paragraph separators, and format characters (bidirectional overrides can
    /// make a note read differently from what it holds).</summary>
    private static bool IsControlLike(char c) => char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    public static bool TryChoice(JsonElement element, string field, IReadOnlyList<string> choices, out string value)
    {
        value = element.TryGetProperty(field, out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()! : "";
        return choices.Contains(value);
    }
}
