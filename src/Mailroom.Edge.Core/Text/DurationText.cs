using System.Globalization;

namespace Mailroom.Edge.Core.Text;

/// <summary>Durations as people type them: <c>500ms</c>, <c>5s</c>, <c>10m</c>, <c>1h</c>, <c>1d</c>, or <c>hh:mm:ss</c>.</summary>
public static class DurationText
{
    public const string Examples = "500ms, 5s, 2m, 1h, 1d or hh:mm:ss";

    private static readonly (string Suffix, double Seconds)[] Units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400)];

    public static bool TryParse(string text, out TimeSpan duration)
    {
        foreach (var (suffix, seconds) in Units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal) && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0)
            {
                duration = TimeSpan.FromSeconds(n * seconds);
                return true;
            }
        }
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration >= TimeSpan.Zero;
    }
}
