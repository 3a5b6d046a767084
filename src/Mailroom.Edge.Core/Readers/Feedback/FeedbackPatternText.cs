using System.Globalization;

namespace Mailroom.Edge.Core.Readers.Feedback;

/// <summary>
/// The text form of a feedback pattern in config: comma-separated steps <c>led[+beep]:milliseconds</c>, where led is
/// <c>green</c>, <c>red</c> or <c>off</c>, and a trailing <c>,repeat</c> loops it. E.g. the default denial is
/// <c>red+beep:100,off:100,red+beep:100,off:100,red+beep:100</c>.
/// </summary>
public static class FeedbackPatternText
{
    public static bool TryParse(string name, string? text, out FeedbackPattern pattern, out string error)
    {
        pattern = new FeedbackPattern(name, []);
        var steps = new List<FeedbackStep>();
        var repeat = false;
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Equals("repeat", StringComparison.OrdinalIgnoreCase))
            {
                repeat = true;
                continue;
            }
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            var look = colon < 0 ? part : part[..colon];
            var beep = look.EndsWith("+beep", StringComparison.OrdinalIgnoreCase);
            if (beep)
                look = look[..^5];
            if (colon < 0 || !Enum.TryParse<LedColor>(look, ignoreCase: true, out var led) || !Enum.IsDefined(led)
                || !int.TryParse(part[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms < 1)
            {
                error = $"step '{part}' is not led[+beep]:milliseconds (led: green, red or off)";
                return false;
            }
            steps.Add(new FeedbackStep(led, beep, TimeSpan.FromMilliseconds(ms)));
        }
        pattern = new FeedbackPattern(name, steps, repeat);
        error = pattern.Validate() ?? "";
        return error.Length == 0;
    }
}
