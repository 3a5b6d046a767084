using System.Globalization;

namespace Mailroom.Edge.Video.Ring;

/// <summary>
/// Reads ffmpeg's segment list in its <c>csv</c> form (<c>-segment_list_type csv</c>): <c>name,start,end</c> per
/// completed segment, the name quoted RFC 4180-style when it holds a comma or quote. ffmpeg writes a line only after it
/// has closed the segment, so a name in the list is a finished file — the only liveness signal the recorder trusts.
/// A torn or malformed line is skipped rather than guessed at.
/// </summary>
public static class SegmentListParser
{
    public static List<SegmentListEntry> Parse(string text)
    {
        var entries = new List<SegmentListEntry>();
        foreach (var rawLine in text.Split('\n'))
        {
            if (TryParseLine(rawLine.TrimEnd('\r'), out var entry))
                entries.Add(entry);
        }
        return entries;
    }

    public static bool TryParseLine(string line, out SegmentListEntry entry)
    {
        entry = default;
        if (line.Length == 0 || !TryReadName(line, out var name, out var rest))
            return false;
        var fields = rest.Split(',');
        if (fields.Length != 2
            || !double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var start)
            || !double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var end)
            || end < start || name.Length == 0 || name.Contains('/', StringComparison.Ordinal))
            return false;
        entry = new SegmentListEntry(name, start, end);
        return true;
    }

    private static bool TryReadName(string line, out string name, out string rest)
    {
        name = "";
        rest = "";
        if (line[0] != '"')
        {
            var comma = line.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0)
                return false;
            name = line[..comma];
            rest = line[(comma + 1)..];
            return true;
        }
        var sb = new System.Text.StringBuilder();
        for (var i = 1; i < line.Length; i++)
        {
            if (line[i] != '"')
            {
                sb.Append(line[i]);
                continue;
            }
            if (i + 1 < line.Length && line[i + 1] == '"')
            {
                sb.Append('"');
                i++;
                continue;
            }
            if (i + 1 >= line.Length || line[i + 1] != ',')
                return false;
            name = sb.ToString();
            rest = line[(i + 2)..];
            return true;
        }
        return false;
    }
}
