using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mailroom.Edge.Host.Configuration;

/// <summary>
/// Reads a configuration file the way the JSON configuration provider will (comments skipped, trailing commas allowed)
/// before it does, so a broken file is reported as one line with its line and column instead of the provider's
/// exception. It also finds what the provider rejects without a position: a key twice in one object, a string that is
/// not valid text (a lone UTF-16 surrogate escape), and a top level that is not an object.
/// </summary>
internal static partial class JsonFileCheck
{
    private static readonly JsonReaderOptions ProviderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The problem as <c>FILE: line L, column C: what is wrong</c>, or null when the provider can read it.</summary>
    public static string? Problem(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{path}: cannot be read: {e.Message}";
        }
        // The provider reads through a stream reader, which drops a UTF-8 byte order mark.
        var start = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        var json = bytes.AsMemory(start);
        var reader = new Utf8JsonReader(json.Span, ProviderOptions);
        // One set of key names per open object (null for an array): config keys are case-insensitive, so 'port' repeats 'Port'.
        var open = new Stack<Dictionary<string, long>?>();
        try
        {
            while (reader.Read())
            {
                if (open.Count == 0 && reader.TokenType != JsonTokenType.StartObject)
                    return At(path, json.Span, reader.TokenStartIndex, "the file must hold one JSON object ({ \"Site\": … })");
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        open.Push(new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase));
                        break;
                    case JsonTokenType.StartArray:
                        open.Push(null);
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        open.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        var keys = open.Peek()!;
                        if (keys.TryGetValue(name, out var first))
                            return At(path, json.Span, reader.TokenStartIndex, $"the key '{name}' appears twice in one object (first at line {Position(json.Span, first).Line}); keep one (keys are case-insensitive)");
                        keys[name] = reader.TokenStartIndex;
                        break;
                    case JsonTokenType.String:
                        reader.GetString();
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            return $"{path}: line {e.LineNumber + 1}, column {e.BytePositionInLine + 1}: {WithoutPosition(e.Message)}";
        }
        catch (InvalidOperationException e)
        {
            // GetString throws this for a string that is not valid UTF-16 (a lone surrogate escape such as \uD800) or UTF-8.
            return At(path, json.Span, reader.TokenStartIndex, $"a string is not valid text ({WithoutPosition(e.Message)}); a \\uD800-\\uDBFF escape must be followed by a \\uDC00-\\uDFFF one");
        }
        return null;
    }

    private static string At(string path, ReadOnlySpan<byte> json, long index, string problem)
    {
        var (line, column) = Position(json, index);
        return $"{path}: line {line}, column {column}: {problem}";
    }

    /// <summary>1-based line and column (in characters) of a byte index.</summary>
    private static (long Line, long Column) Position(ReadOnlySpan<byte> json, long index)
    {
        var before = json[..(int)index];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return (before.Count((byte)'\n') + 1, Encoding.UTF8.GetCharCount(before[lineStart..]) + 1);
    }

    /// <summary>System.Text.Json appends "LineNumber: … | BytePositionInLine: …" (and a path) to its messages; the
    /// report gives the position once, first.</summary>
    private static string WithoutPosition(string message)
    {
        foreach (var marker in new[] { " Path: ", " LineNumber: " })
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
                message = message[..at];
        }
        // An invalid literal is quoted with the rest of the file ("'fa,lse\n  },\n…' is an invalid JSON literal").
        message = Quoted().Replace(message, Shorten);
        return message.ReplaceLineEndings(" ").TrimEnd();
    }

    private static string Shorten(Match quoted)
    {
        var text = quoted.Groups[1].Value;
        var first = text.Split('\n')[0].TrimEnd();
        return first.Length == text.Length && text.Length <= 40 ? quoted.Value : $"'{first[..Math.Min(40, first.Length)]}…'";
    }

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex Quoted();
}
